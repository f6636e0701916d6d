package io.gatecache.it.micro.launcher;

import fish.payara.micro.PayaraMicroRuntime;
import fish.payara.micro.boot.PayaraMicroBoot;
import fish.payara.micro.boot.PayaraMicroLauncher;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The main class of a test server's JVM: boots Payara Micro with the arguments that follow the
 * control port, then takes commands over a loopback connection to the test run that started it,
 * one per line, each answered with one line:
 * <ul>
 * <li>{@code deploy <name> <context-root> <war>}: {@code deployed <name> true|false};</li>
 * <li>{@code undeploy <name>}: {@code undeployed <name>};</li>
 * <li>{@code stop}: {@code stopping}, then the server stops and the JVM exits.</li>
 * </ul>
 * After booting it says {@code ready}, or {@code failed <reason>} and exits. When the connection
 * ends without a {@code stop} (the test run died or was killed), the JVM halts at once: no server
 * outlives the run that started it.
 */
public final class MicroLauncher {

    private MicroLauncher() {
    }

    /** @param args the test run's control port, then Payara Micro's command line */
    public static void main(String[] args) throws IOException, InterruptedException {
        int controlPort = Integer.parseInt(args[0]);
        String[] micro = Arrays.copyOfRange(args, 1, args.length);
        Socket control = new Socket(InetAddress.getLoopbackAddress(), controlPort);
        PrintWriter replies = new PrintWriter(control.getOutputStream(), true, StandardCharsets.UTF_8);
        BlockingQueue<String> commands = listen(control);
        PayaraMicroBoot boot;
        PayaraMicroRuntime runtime;
        try {
            boot = PayaraMicroLauncher.create(micro);
            runtime = boot.getRuntime();
        } catch (Exception | LinkageError e) {
            e.printStackTrace();
            replies.println("failed " + oneLine(e));
            Runtime.getRuntime().halt(2);
            return;
        }
        replies.println("ready");
        while (true) {
            String[] command = commands.take().split(" ", 4);
            switch (command[0]) {
                case "deploy" -> replies.println("deployed " + command[1] + " "
                        + deploy(runtime, command[1], command[2], new File(command[3])));
                case "undeploy" -> {
                    undeploy(runtime, command[1]);
                    replies.println("undeployed " + command[1]);
                }
                case "stop" -> {
                    replies.println("stopping");
                    stop(boot);
                    Runtime.getRuntime().halt(0);
                }
                default -> replies.println("unknown " + command[0]);
            }
        }
    }

    /**
     * Reads the test run's commands from the moment the connection is made, booting or not, and
     * halts the JVM as soon as the connection ends without a {@code stop}.
     */
    private static BlockingQueue<String> listen(Socket control) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8));
        BlockingQueue<String> commands = new LinkedBlockingQueue<>();
        Thread listener = new Thread(() -> {
            String line;
            while ((line = readCommand(in)) != null) {
                commands.add(line);
            }
            // the test run is gone
            Runtime.getRuntime().halt(3);
        }, "test-run-connection");
        listener.setDaemon(true);
        listener.start();
        return commands;
    }

    private static String readCommand(BufferedReader commands) {
        try {
            return commands.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether the application deployed: Payara Micro answers true for one that failed to start (a
     * CDI deployment error, say), which it then does not list among its applications.
     */
    private static boolean deploy(PayaraMicroRuntime runtime, String name, String contextRoot, File war) {
        try {
            return runtime.deploy(name, contextRoot, war) && runtime.getDeployedApplicationNames().contains(name);
        } catch (RuntimeException e) {
            e.printStackTrace();
            return false;
        }
    }

    private static void undeploy(PayaraMicroRuntime runtime, String name) {
        try {
            runtime.undeploy(name);
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
    }

    private static void stop(PayaraMicroBoot boot) {
        try {
            boot.shutdown();
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    private static String oneLine(Throwable e) {
        return String.valueOf(e).replace('\n', ' ').replace('\r', ' ');
    }
}
