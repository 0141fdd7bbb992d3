package org.medialive.distributor.routes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads the routes and route templates (*.camel.yaml) when Camel starts: each file from
 * {@code distributor.routes-dir} if it is there, else the copy packed into the jar, so an
 * engineer's edit takes effect on the next start without a rebuild. A file that does not
 * load stops start-up with its path, line and reason ({@link InvalidRouteFileException}).
 */
@Component
class RoutesDirectory implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesDirectory.class);
    private static final String SUFFIX = ".camel.yaml";

    private final Path directory;

    RoutesDirectory(@Value("${distributor.routes-dir:}") String directory) {
        this.directory = directory == null || directory.isBlank() ? null : Path.of(directory).toAbsolutePath().normalize();
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        Map<String, RouteFile> files = new TreeMap<>(packaged());
        files.putAll(edited());
        for (RouteFile file : files.values()) {
            try {
                PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(file.name(), file.text()));
            } catch (Exception e) {
                throw InvalidRouteFileException.of(file.origin(), e);
            }
        }
        // after the templates, so a kind is in use only once the files it names have loaded
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        LOG.info("Output kinds: {}", OutputKindFiles.register(directory, id -> model.getRouteTemplateDefinition(id) != null).stream()
                .map(kind -> kind.scheme() + " (" + kind.origin() + ")").toList());
        LOG.info("Loaded {} route files ({} from {}, the others packaged)", files.size(),
                files.values().stream().filter(f -> !f.packaged()).count(), directory == null ? "no routes directory" : directory);
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        // nothing: the routes start with the context
    }

    /** The copies packed into the jar: the fallback for every file the directory does not have. */
    private static Map<String, RouteFile> packaged() {
        Map<String, RouteFile> files = new TreeMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:routes/*" + SUFFIX)) {
                try (InputStream in = resource.getInputStream()) {
                    String name = resource.getFilename();
                    files.put(name, new RouteFile(name, "jar:routes/" + name,
                            new String(in.readAllBytes(), StandardCharsets.UTF_8), true));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the packaged routes: " + e.getMessage(), e);
        }
        return files;
    }

    private Map<String, RouteFile> edited() {
        Map<String, RouteFile> files = new TreeMap<>();
        if (directory == null) {
            return files;
        }
        if (!Files.isDirectory(directory)) {
            throw new InvalidRouteFileException("Cannot start: distributor.routes-dir " + directory
                    + " is not a directory. Create it (copy the repository's routes/ there) or unset the setting to use the packaged routes.");
        }
        try (Stream<Path> list = Files.list(directory)) {
            for (Path path : list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String name = path.getFileName().toString();
                files.put(name, new RouteFile(name, path.toString(), Files.readString(path), false));
            }
        } catch (IOException e) {
            throw new InvalidRouteFileException("Cannot start: cannot read the routes directory " + directory + ": " + e.getMessage());
        }
        return files;
    }

    private record RouteFile(String name, String origin, String text, boolean packaged) {
    }
}
