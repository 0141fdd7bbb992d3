package org.medialive.distributor.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real RTMP server: nginx with Debian's libnginx-mod-rtmp on a free loopback port,
 * recording every published stream to {@code <dir>/record/<stream key>.flv}.
 */
public final class RtmpServer implements AutoCloseable {

    private static final String MODULE = "/usr/lib/nginx/modules/ngx_rtmp_module.so";

    private final Path dir;
    private final Path record;
    private final int port;
    private final Process process;

    private RtmpServer(Path dir, Path record, int port, Process process) {
        this.dir = dir;
        this.record = record;
        this.port = port;
        this.process = process;
    }

    public static RtmpServer start(Path dir) throws IOException {
        int port = Ports.freeTcp();
        Files.createDirectories(dir);
        // nginx workers run as nobody: they must reach and write the recording directory,
        // which a test's private temporary directory (mode 700) would not let them
        Path record = Files.createTempDirectory("rtmp-record");
        Files.setPosixFilePermissions(record, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path config = dir.resolve("nginx.conf");
        Files.writeString(config, """
                load_module %s;
                worker_processes 1;
                daemon off;
                pid %s;
                error_log %s info;
                events { worker_connections 64; }
                rtmp {
                  server {
                    listen 127.0.0.1:%d;
                    application live {
                      live on;
                      record all;
                      record_path %s;
                    }
                  }
                }
                """.formatted(MODULE, dir.resolve("nginx.pid"), dir.resolve("error.log"), port, record));
        Process process = new ProcessBuilder(List.of("nginx", "-p", dir.toString(), "-c", config.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        RtmpServer server = new RtmpServer(dir, record, port, process);
        await("nginx-rtmp listening on " + port).atMost(Duration.ofSeconds(20)).until(server::accepts);
        return server;
    }

    public int port() {
        return port;
    }

    public Path recording(String streamKey) {
        return record.resolve(streamKey + ".flv");
    }

    private boolean accepts() {
        if (!process.isAlive()) {
            throw new AssertionError("nginx exited: " + readQuietly(dir.resolve("nginx.out")) + readQuietly(dir.resolve("error.log")));
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var files = Files.list(record)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(record);
    }
}
