package io.gatecache.example;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatformProvider;

/**
 * Hibernate's JTA platform on Payara (Server and Micro), which Hibernate does not detect by
 * itself: the Sun ONE one, when the server's transaction manager is at its JNDI name. Hibernate
 * asks this provider (a Java service, META-INF/services) only when no platform is configured; on
 * WildFly, whose JPA subsystem configures its own platform, it is never asked, and elsewhere it
 * finds no such name and lets Hibernate decide. A {@code hibernate.transaction.jta.platform}
 * setting (persistence.xml or a system property) still takes precedence.
 */
public class PayaraJtaPlatformProvider implements JtaPlatformProvider {

    @Override
    public JtaPlatform getProvidedJtaPlatform() {
        try {
            InitialContext jndi = new InitialContext();
            try {
                return jndi.lookup(SunOneJtaPlatform.TM_NAME) != null ? new SunOneJtaPlatform() : null;
            } finally {
                jndi.close();
            }
        } catch (NamingException | RuntimeException e) {
            return null;
        }
    }
}
