package org.medialive.distributor.stream;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The third-party SCTE-35 streams and their TSDuck decodes, carried by the repository in
 * {@code src/test/resources/scte35} (licences and origin in its README.md) and read from the
 * test class path, so a clone alone has them. Missing data fails the test: it is the reference
 * the decoder is checked against.
 */
final class SharedScte35Data {

    static final List<String> STREAMS = List.of("tsduck", "ffmpeg", "gst480i", "bbb5s");

    /** A file every copy of the data has; its folder is the data's. */
    private static final String MARKER = "scte35/README.md";

    private SharedScte35Data() {
    }

    static Path directory() {
        return directoryIn(SharedScte35Data.class.getClassLoader());
    }

    static Path directoryIn(ClassLoader classPath) {
        URL marker = classPath.getResource(MARKER);
        if (marker == null) {
            throw new AssertionError(MARKER + " is not on the test class path (src/test/resources/scte35): the reference data is required");
        }
        try {
            // a directory of target/test-classes, never a jar: ffprobe needs the streams as files
            return Path.of(marker.toURI()).getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new AssertionError("the reference data at " + marker + " is not a plain directory", e);
        }
    }

    static byte[] stream(String name) throws IOException {
        return Files.readAllBytes(streamPath(name));
    }

    static Path streamPath(String name) {
        return directory().resolve(name + ".ts");
    }

    static List<String> tsduckDecode(String name) throws IOException {
        return Files.readAllLines(directory().resolve(name + "_tsduck.txt"));
    }
}
