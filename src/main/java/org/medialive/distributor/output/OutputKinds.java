package org.medialive.distributor.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The output kinds in use, by URL scheme. The routes loader sets them at start (the routes
 * directory's descriptors over the jar's copies) before any channel starts; until then, e.g.
 * in a unit test, the jar's copies are read on first use. Static like the URL checks that read
 * it: a URL is checked wherever it arrives (API, data file, edits) without a bean at hand.
 */
public final class OutputKinds {

    public static final String SUFFIX = ".output-kind.yaml";

    private static volatile Map<String, OutputKind> kinds;

    private OutputKinds() {
    }

    /** Replaces the kinds in use; a scheme described twice is refused with both files. */
    public static void use(Collection<OutputKind> described) {
        Map<String, OutputKind> byScheme = new LinkedHashMap<>();
        for (OutputKind kind : described) {
            OutputKind twice = byScheme.put(kind.scheme(), kind);
            if (twice != null) {
                throw new IllegalArgumentException("scheme " + kind.scheme() + " is described by both " + twice.origin()
                        + " and " + kind.origin() + "; a routes directory replaces a packaged kind with a file of the same name");
            }
        }
        kinds = Map.copyOf(byScheme);
    }

    /** The kind for a scheme (lower case), or null. */
    public static OutputKind forScheme(String scheme) {
        return current().get(scheme);
    }

    /** Every kind: the built-in ones first (srt, rtmp, rtmps, udp), then the others by scheme. */
    public static List<OutputKind> all() {
        List<OutputKind> sorted = new ArrayList<>(current().values());
        List<String> builtIn = UrlCheck.builtIn();
        sorted.sort((a, b) -> {
            int ia = builtIn.indexOf(a.scheme());
            int ib = builtIn.indexOf(b.scheme());
            if (ia >= 0 || ib >= 0) {
                return Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
            }
            return a.scheme().compareTo(b.scheme());
        });
        return sorted;
    }

    static List<String> schemes() {
        return all().stream().map(OutputKind::scheme).toList();
    }

    private static Map<String, OutputKind> current() {
        Map<String, OutputKind> loaded = kinds;
        if (loaded == null) {
            synchronized (OutputKinds.class) {
                if (kinds == null) {
                    List<OutputKind> packaged = new ArrayList<>();
                    packaged().forEach((name, text) -> packaged.add(OutputKindReader.read("jar:routes/" + name, text)));
                    use(packaged);
                }
                loaded = kinds;
            }
        }
        return loaded;
    }

    /** The descriptors packed into the jar, by file name: the fallback for every one the routes directory lacks. */
    public static Map<String, String> packaged() {
        Map<String, String> files = new TreeMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:routes/*" + SUFFIX)) {
                try (InputStream in = resource.getInputStream()) {
                    files.put(resource.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the packaged output kinds: " + e.getMessage(), e);
        }
        return files;
    }
}
