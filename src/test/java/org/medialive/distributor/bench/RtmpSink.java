package org.medialive.distributor.bench;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.medialive.distributor.support.Ports;

import static org.awaitility.Awaitility.await;

/**
 * The RTMP receiver of every RTMP output: nginx with Debian's libnginx-mod-rtmp on free
 * loopback ports, nothing recorded, and its rtmp_stat page read for the bytes each stream key
 * has received.
 */
final class RtmpSink implements AutoCloseable {

    private static final String MODULE = "/usr/lib/nginx/modules/ngx_rtmp_module.so";
    private static final Pattern STREAM = Pattern.compile(
            "<stream>\\s*<name>([^<]*)</name>.*?<bytes_in>(\\d+)</bytes_in>", Pattern.DOTALL);

    private final Process process;
    private final int port;
    private final int statPort;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Bytes per stream key, kept after a publisher leaves (nginx forgets it then). */
    private final Map<String, Long> seen = new HashMap<>();

    private RtmpSink(Process process, int port, int statPort, Path dir) {
        this.process = process;
        this.port = port;
        this.statPort = statPort;
        this.dir = dir;
    }

    static RtmpSink start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = Ports.freeTcp();
        int statPort = Ports.freeTcp();
        Path config = dir.resolve("nginx.conf");
        Files.writeString(config, """
                load_module %1$s;
                worker_processes 1;
                daemon off;
                pid %2$s/nginx.pid;
                error_log %2$s/error.log warn;
                events { worker_connections 1024; }
                rtmp {
                  server {
                    listen 127.0.0.1:%3$d;
                    application live { live on; }
                  }
                }
                http {
                  access_log off;
                  client_body_temp_path %2$s/body;
                  proxy_temp_path %2$s/proxy;
                  fastcgi_temp_path %2$s/fastcgi;
                  uwsgi_temp_path %2$s/uwsgi;
                  scgi_temp_path %2$s/scgi;
                  server {
                    listen 127.0.0.1:%4$d;
                    location /stat { rtmp_stat all; }
                  }
                }
                """.formatted(MODULE, dir.toAbsolutePath(), port, statPort));
        Process process = new ProcessBuilder(DiesWithBench.command(List.of("nginx", "-p", dir.toAbsolutePath().toString(), "-c",
                config.toAbsolutePath().toString())))
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        RtmpSink sink = new RtmpSink(process, port, statPort, dir);
        try {
            await("nginx-rtmp accepting").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !process.isAlive() || sink.accepts());
        } catch (ConditionTimeoutException timeout) {
            // reported below with nginx's own words
        }
        if (!process.isAlive() || !sink.accepts()) {
            process.destroyForcibly();
            throw new IOException("nginx-rtmp did not start: " + Files.readString(dir.resolve("nginx.out"))
                    + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
        }
        return sink;
    }

    String url(String streamKey) {
        return "rtmp://127.0.0.1:" + port + "/live/" + streamKey;
    }

    /** Reads the stat page; call it every few seconds so streams that ended are remembered. */
    synchronized Map<String, Long> bytesByStream() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + statPort + "/stat")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = STREAM.matcher(response.body());
            while (m.find()) {
                seen.merge(m.group(1), Long.parseLong(m.group(2)), Math::max);
            }
        } catch (IOException e) {
            // keep what was seen before
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Map.copyOf(seen);
    }

    List<Long> pids() {
        List<Long> pids = new java.util.ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    private boolean accepts() {
        try (Socket socket = new Socket("127.0.0.1", port); Socket stat = new Socket("127.0.0.1", statPort)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        workers.forEach(ProcessHandle::destroyForcibly);
    }
}
