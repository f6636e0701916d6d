package io.gatecache.undertow;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;
import java.util.logging.Logger;

/**
 * Puts the {@link FastPathHandler} in front of the deployment's servlet chain. Found by Undertow
 * (WildFly) through {@code META-INF/services/io.undertow.servlet.ServletExtension}; other servers
 * never load it. Not for a deployment with security constraints or a login configuration: its
 * hits must pass the container's authentication, which runs inside the servlet chain.
 */
public final class FastPathExtension implements ServletExtension {

    private static final Logger LOG = Logger.getLogger(FastPathExtension.class.getName());

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        if (!deployment.getSecurityConstraints().isEmpty() || deployment.getLoginConfig() != null) {
            LOG.info(() -> "Gatecache: '" + deployment.getContextPath() + "' has security constraints or a login"
                    + " configuration: every request goes through the servlet chain (no fast path)");
            return;
        }
        deployment.addInitialHandlerChainWrapper(next -> new FastPathHandler(next, context));
    }
}
