package io.gatecache.undertow;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;

/**
 * Puts the {@link FastPathHandler} in front of the deployment's servlet chain. Found by Undertow
 * (WildFly) through {@code META-INF/services/io.undertow.servlet.ServletExtension}; other servers
 * never load it.
 */
public final class FastPathExtension implements ServletExtension {

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addInitialHandlerChainWrapper(next -> new FastPathHandler(next, context));
    }
}
