package org.medialive.distributor.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** The docs stay true: every relative link resolves, every property is documented. */
class DocsTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    static List<Path> markdown() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
        }
        return files;
    }

    @Test
    void everyRelativeLinkPointsAtAFileOrHeadingThatExists() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : markdown()) {
            Matcher link = LINK.matcher(Files.readString(file));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                String[] parts = target.split("#", 2);
                Path resolved = parts[0].isEmpty() ? file : file.resolveSibling(parts[0]).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(file + " -> " + target);
                } else if (parts.length == 2 && resolved.toString().endsWith(".md") && !headings(resolved).contains(parts[1])) {
                    broken.add(file + " -> " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyPropertyOfApplicationYamlIsInConfigurationMd() throws IOException {
        String doc = Files.readString(Path.of("docs/CONFIGURATION.md"));
        List<String> missing = new ArrayList<>();
        try (InputStream yaml = Files.newInputStream(Path.of("src/main/resources/application.yaml"))) {
            Map<String, Object> root = new Yaml().load(yaml);
            for (String key : flatten("", root)) {
                if (!doc.contains("`" + key + "`")) {
                    missing.add(key);
                }
            }
        }
        assertThat(missing).as("properties missing from docs/CONFIGURATION.md").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<String> flatten(String prefix, Map<String, Object> map) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> child) {
                keys.addAll(flatten(key, (Map<String, Object>) child));
            } else {
                keys.add(key);
            }
        }
        return keys;
    }

    /** GitHub's heading anchors: lower case, spaces to '-', punctuation dropped. */
    private static List<String> headings(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", "").toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
                .toList();
    }
}
