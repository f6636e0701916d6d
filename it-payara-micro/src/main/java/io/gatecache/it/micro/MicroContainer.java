package io.gatecache.it.micro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipStoredExporter;

/**
 * An Arquillian container on one Payara Micro server that takes deployment after deployment: the
 * server starts at the first deployment (again if it died), and stops when the test run ends, or
 * when its last deployment goes if {@code stopWhenEmpty}. A deployment's context root is its
 * archive's name ({@code ROOT.war}: the root). Only client-side tests ({@code testable = false}).
 */
public class MicroContainer implements DeployableContainer<MicroConfiguration> {

    private static final String LOOPBACK = "127.0.0.1";

    private MicroConfiguration config;
    private String serverName;
    private MicroServer server;
    private int started;
    private final Set<String> deployed = new LinkedHashSet<>();

    @Override
    public Class<MicroConfiguration> getConfigurationClass() {
        return MicroConfiguration.class;
    }

    @Override
    public void setup(MicroConfiguration configuration) {
        this.config = configuration;
        this.serverName = configuration.getServerName();
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String application = application(archive);
        String contextRoot = application.equals("ROOT") ? "/" : "/" + application;
        MicroServer running = running();
        Path war = deployments().resolve(archive.getName());
        try {
            Files.createDirectories(war.getParent());
            // stored, not deflated: a test WAR is mostly jars, compressed already (deflating 35 MB
            // of them again cost the test run 1.5 s of CPU time a deployment, storing them 0.9 s)
            archive.as(ZipStoredExporter.class).exportTo(war.toFile(), true);
            long logged = Files.size(running.log());
            if (!running.deploy(application, contextRoot, war, config.getDeployTimeoutInSeconds())) {
                throw new DeploymentException(archive.getName() + " failed to deploy on " + serverName
                        + "; the server's output meanwhile:\n" + MicroServer.since(running.log(), logged));
            }
        } catch (IOException e) {
            throw new DeploymentException(archive.getName() + " could not be deployed: " + e.getMessage(), e);
        }
        deployed.add(application);
        return new ProtocolMetaData().addContext(new HTTPContext(LOOPBACK, running.port())
                .add(new Servlet("default", contextRoot)));
    }

    @Override
    public synchronized void undeploy(Archive<?> archive) throws DeploymentException {
        String application = application(archive);
        deployed.remove(application);
        try {
            if (server != null && server.alive()) {
                server.undeploy(application, config.getDeployTimeoutInSeconds());
            }
            Files.deleteIfExists(deployments().resolve(archive.getName()));
        } catch (IOException e) {
            throw new DeploymentException(archive.getName() + " could not be undeployed: " + e.getMessage(), e);
        } finally {
            if (deployed.isEmpty() && config.isStopWhenEmpty()) {
                stopServer();
            }
        }
    }

    @Override
    public synchronized void stop() {
        stopServer();
    }

    /** The server, started when there is none running (the first deployment, or after it died). */
    private MicroServer running() throws DeploymentException {
        if (server != null && server.alive()) {
            return server;
        }
        if (server != null) {
            MicroServers.ended(serverName, server);
            deployed.clear();
        }
        started++;
        try {
            server = MicroServer.start(config, serverName + "-" + started);
        } catch (IOException e) {
            server = null;
            throw new DeploymentException(serverName + " did not start: " + e.getMessage(), e);
        }
        MicroServers.started(serverName, server);
        return server;
    }

    private void stopServer() {
        if (server != null) {
            server.stop();
            MicroServers.ended(serverName, server);
            server = null;
        }
    }

    private Path deployments() {
        return Path.of(config.getServerDirectory()).toAbsolutePath().resolve("deployments");
    }

    private static String application(Archive<?> archive) {
        String name = archive.getName();
        return name.endsWith(".war") ? name.substring(0, name.length() - 4) : name;
    }
}
