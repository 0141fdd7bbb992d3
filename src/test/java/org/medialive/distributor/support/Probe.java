package org.medialive.distributor.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** ffprobe's view of a media file, as JSON (streams and format). */
public final class Probe {

    private Probe() {
    }

    public static JsonNode of(Path file) {
        try {
            Process process = new ProcessBuilder(List.of("ffprobe", "-v", "error", "-print_format", "json",
                    "-show_streams", "-show_format", file.toString())).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("ffprobe failed on " + file + ": " + new String(out));
            }
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
