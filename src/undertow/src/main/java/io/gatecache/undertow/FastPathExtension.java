package io.gatecache.undertow;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;

/**
 * Puts the {@link FastPathHandler} in front of the deployment's servlet chain. Found by Undertow
 * (WildFly) through {@code META-INF/services/io.undertow.servlet.ServletExtension}; other servers
 * never load it. The handler tells the door whether the deployment has security constraints or
 * a login configuration (its authentication runs inside the servlet chain): the door then
 * answers none of its requests.
 */
public final class FastPathExtension implements ServletExtension {

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        boolean constrained = !deployment.getSecurityConstraints().isEmpty() || deployment.getLoginConfig() != null;
        deployment.addInitialHandlerChainWrapper(next -> new FastPathHandler(next, context, constrained));
    }
}
