package org.medialive.distributor.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real ZooKeeper, Debian's package (packaging/packages-test.txt), run standalone as its own
 * process on a free loopback port with its own data directory. tickTime 500 ms lets nodes ask for
 * sessions from 1 s (ZooKeeper grants 2 to 20 ticks). No admin server (it would take port 8080).
 */
public final class ZooKeeperServer implements AutoCloseable {

    private static final String JAR = "/usr/share/java/zookeeper.jar";

    private final int port;
    private final Process process;

    private ZooKeeperServer(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    public static ZooKeeperServer start(Path dir) throws IOException {
        if (!Files.exists(Path.of(JAR))) {
            throw new AssertionError(JAR + " is missing: install Debian's zookeeper package (./distributor test does)");
        }
        int port = Ports.freeTcp();
        Path data = Files.createDirectories(dir.resolve("zookeeper-data"));
        Path config = dir.resolve("zoo.cfg");
        Files.writeString(config, String.join("\n",
                "tickTime=500", "dataDir=" + data, "clientPort=" + port, "clientPortAddress=127.0.0.1",
                "admin.enableServer=false", "maxClientCnxns=0", ""));
        Path log = Path.of("target", "it-logs", "zookeeper-" + port + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-Dzookeeper.admin.enableServer=false", "-cp", JAR,
                "org.apache.zookeeper.server.ZooKeeperServerMain", config.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        ZooKeeperServer server = new ZooKeeperServer(port, process);
        await("ZooKeeper on port " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(server::answers);
        return server;
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new AssertionError("ZooKeeper exited with " + process.exitValue());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** For distributor.cluster.zookeeper. */
    public String connectString() {
        return "127.0.0.1:" + port;
    }

    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
