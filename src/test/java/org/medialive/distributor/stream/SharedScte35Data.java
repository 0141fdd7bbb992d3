package org.medialive.distributor.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The third-party SCTE-35 streams and their TSDuck decodes in {@code shared/data/scte35}, found by
 * walking up from the working directory (the repository may be the main checkout or a worktree).
 * Missing data fails the test: it is the reference the decoder is checked against.
 */
final class SharedScte35Data {

    static final List<String> STREAMS = List.of("tsduck", "ffmpeg", "gst480i", "bbb5s");

    private SharedScte35Data() {
    }

    static Path directory() {
        return directoryAbove(Path.of("").toAbsolutePath());
    }

    static Path directoryAbove(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data").resolve("scte35");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("shared/data/scte35 not found in " + start + " or above: the reference data is required");
    }

    static byte[] stream(String name) throws IOException {
        return Files.readAllBytes(directory().resolve(name + ".ts"));
    }

    static Path streamPath(String name) {
        return directory().resolve(name + ".ts");
    }

    static List<String> tsduckDecode(String name) throws IOException {
        return Files.readAllLines(directory().resolve(name + "_tsduck.txt"));
    }
}
