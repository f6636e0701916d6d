package io.gatecache.example;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Seeds the database as the application starts (the persistence unit's schema exists by then),
 * before any request: a request that started before the seed's cache clears would not be stored.
 */
@WebListener
public class SiteStartup implements ServletContextListener {

    @Inject
    SiteData data;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        data.ready();
    }
}
