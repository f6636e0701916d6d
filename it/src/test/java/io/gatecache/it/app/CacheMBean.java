package io.gatecache.it.app;

import jakarta.servlet.ServletContext;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** This application's cache MBean in the platform MBeanServer, for the test resources. */
public final class CacheMBean {

    private CacheMBean() {
    }

    static MBeanServer server() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    static ObjectName name(ServletContext context) throws JMException {
        return new ObjectName("io.gatecache:type=Cache,context=" + ObjectName.quote(context.getContextPath()));
    }
}
