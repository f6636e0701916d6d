package io.gatecache.it.micro;

import java.io.File;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * A Payara Micro container's settings in {@code arquillian.xml}.
 *
 * <ul>
 * <li>{@code serverName}: names the server's files, and finds it in {@link MicroServers};</li>
 * <li>{@code microJar}: the Payara Micro jar;</li>
 * <li>{@code prebootCommandFile}: Payara's boot commands, run with the listener bound to loopback;</li>
 * <li>{@code javaOptions}, {@code microOptions}: more JVM and Payara Micro options, space-separated;</li>
 * <li>{@code httpPort}: the HTTP port, or 0 for a free port outside the ephemeral range;</li>
 * <li>{@code serverDirectory}: where each server's files and output go ({@code target/payara-micro});</li>
 * <li>{@code stopWhenEmpty}: whether the server stops when its last deployment is undeployed,
 * rather than when the test run ends (for servers a test kills and starts again);</li>
 * <li>{@code startupTimeoutInSeconds}, {@code deployTimeoutInSeconds}.</li>
 * </ul>
 */
public class MicroConfiguration implements ContainerConfiguration {

    private String serverName = "payara-micro";
    private String microJar;
    private String prebootCommandFile;
    private String javaOptions = "";
    private String microOptions = "";
    private int httpPort;
    private String serverDirectory = "target/payara-micro";
    private boolean stopWhenEmpty;
    private int startupTimeoutInSeconds = 240;
    private int deployTimeoutInSeconds = 240;

    @Override
    public void validate() throws ConfigurationException {
        if (microJar == null || !new File(microJar).isFile()) {
            throw new ConfigurationException("microJar must name the Payara Micro jar: " + microJar);
        }
        if (prebootCommandFile != null && !new File(prebootCommandFile).isFile()) {
            throw new ConfigurationException("prebootCommandFile is not a file: " + prebootCommandFile);
        }
        if (httpPort < 0 || startupTimeoutInSeconds <= 0 || deployTimeoutInSeconds <= 0) {
            throw new ConfigurationException("httpPort must be >= 0, and the timeouts > 0");
        }
    }

    public String getServerName() {
        return serverName;
    }

    public void setServerName(String serverName) {
        this.serverName = serverName;
    }

    public String getMicroJar() {
        return microJar;
    }

    public void setMicroJar(String microJar) {
        this.microJar = microJar;
    }

    public String getPrebootCommandFile() {
        return prebootCommandFile;
    }

    public void setPrebootCommandFile(String prebootCommandFile) {
        this.prebootCommandFile = prebootCommandFile;
    }

    public String getJavaOptions() {
        return javaOptions;
    }

    public void setJavaOptions(String javaOptions) {
        this.javaOptions = javaOptions;
    }

    public String getMicroOptions() {
        return microOptions;
    }

    public void setMicroOptions(String microOptions) {
        this.microOptions = microOptions;
    }

    public int getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = httpPort;
    }

    public String getServerDirectory() {
        return serverDirectory;
    }

    public void setServerDirectory(String serverDirectory) {
        this.serverDirectory = serverDirectory;
    }

    public boolean isStopWhenEmpty() {
        return stopWhenEmpty;
    }

    public void setStopWhenEmpty(boolean stopWhenEmpty) {
        this.stopWhenEmpty = stopWhenEmpty;
    }

    public int getStartupTimeoutInSeconds() {
        return startupTimeoutInSeconds;
    }

    public void setStartupTimeoutInSeconds(int startupTimeoutInSeconds) {
        this.startupTimeoutInSeconds = startupTimeoutInSeconds;
    }

    public int getDeployTimeoutInSeconds() {
        return deployTimeoutInSeconds;
    }

    public void setDeployTimeoutInSeconds(int deployTimeoutInSeconds) {
        this.deployTimeoutInSeconds = deployTimeoutInSeconds;
    }
}
