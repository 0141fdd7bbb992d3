package org.medialive.distributor.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.medialive.distributor.output.OutputKind;
import org.medialive.distributor.output.OutputKindReader;
import org.medialive.distributor.output.OutputKinds;

/**
 * Reads the output kind descriptors ({@code NAME.output-kind.yaml}, docs/ROUTES.md) the same way
 * as the route files: each from the routes directory if it is there, else the jar's copy, and
 * puts them in use. A descriptor that does not load stops start-up with its path and the reason.
 */
final class OutputKindFiles {

    private OutputKindFiles() {
    }

    /** Returns the kinds now in use; for tests that load no templates. */
    static List<OutputKind> register(Path directory) {
        return register(directory, template -> true);
    }

    /**
     * Returns the kinds now in use. {@code templateLoaded} says whether a routeTemplate id was
     * loaded: a kind naming another would only fail when its first output starts, so start-up stops instead.
     */
    static List<OutputKind> register(Path directory, Predicate<String> templateLoaded) {
        Map<String, Descriptor> files = new TreeMap<>();
        OutputKinds.packaged().forEach((name, text) -> files.put(name, new Descriptor("jar:routes/" + name, text)));
        files.putAll(edited(directory));
        List<OutputKind> kinds = new ArrayList<>();
        for (Descriptor file : files.values()) {
            OutputKind kind = read(file);
            if (!templateLoaded.test(kind.template())) {
                throw new InvalidRouteFileException("Cannot start: output kind file " + file.origin() + " is not valid: template '"
                        + kind.template() + "' is not a routeTemplate id of any route file. Add its NAME.camel.yaml or correct the id.");
            }
            kinds.add(kind);
        }
        try {
            OutputKinds.use(kinds);
        } catch (IllegalArgumentException e) {
            throw new InvalidRouteFileException("Cannot start: output kinds are not valid: " + e.getMessage() + ".");
        }
        return OutputKinds.all();
    }

    private static Map<String, Descriptor> edited(Path directory) {
        Map<String, Descriptor> files = new TreeMap<>();
        if (directory == null || !Files.isDirectory(directory)) {
            return files;
        }
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : list.filter(p -> p.getFileName().toString().endsWith(OutputKinds.SUFFIX)).toList()) {
                files.put(file.getFileName().toString(), new Descriptor(file.toString(), Files.readString(file)));
            }
        } catch (IOException e) {
            throw new InvalidRouteFileException("Cannot start: cannot read the routes directory " + directory + ": " + e.getMessage());
        }
        return files;
    }

    static OutputKind read(Descriptor file) {
        try {
            return OutputKindReader.read(file.origin(), file.text());
        } catch (IllegalArgumentException e) {
            throw new InvalidRouteFileException("Cannot start: output kind file " + file.origin() + " is not valid: " + e.getMessage() + ".");
        } catch (RuntimeException e) {
            throw InvalidRouteFileException.of(file.origin(), e);
        }
    }

    record Descriptor(String origin, String text) {
    }
}
