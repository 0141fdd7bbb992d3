package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.medialive.distributor.DistributorProperties;
import org.springframework.stereotype.Component;

/**
 * Every change made through the API (who, what, when, result) as one JSON line appended
 * to {@code <data>/audit.log} by camel-file. Request bodies are never recorded: they may
 * hold passphrases and stream keys.
 */
@Component
public class AuditTrail {

    private final ProducerTemplate camel;
    private final Path file;
    private final String endpoint;
    private final ObjectMapper json = new ObjectMapper();

    AuditTrail(ProducerTemplate camel, DistributorProperties properties) {
        this.camel = camel;
        this.file = properties.dataPath().resolve("audit.log");
        this.endpoint = "file:" + properties.dataPath() + "?fileExist=Append&charset=utf-8";
    }

    void record(String user, String method, String path, int status) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.now().toString());
        entry.put("user", user);
        entry.put("action", method + " " + path);
        entry.put("status", status);
        entry.put("result", status < 400 ? "done" : status < 500 ? "refused" : "failed");
        try {
            camel.sendBodyAndHeader(endpoint, json.writeValueAsString(entry) + "\n", Exchange.FILE_NAME, file.getFileName().toString());
        } catch (IOException e) {
            throw new IllegalStateException("could not write the audit entry", e);
        }
    }

    /** The newest {@code limit} entries, newest first. */
    public List<JsonNode> latest(int limit) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        Deque<String> tail = new ArrayDeque<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.forEach(line -> {
                tail.addLast(line);
                if (tail.size() > limit) {
                    tail.removeFirst();
                }
            });
        }
        List<JsonNode> entries = new ArrayList<>();
        tail.descendingIterator().forEachRemaining(line -> {
            try {
                entries.add(json.readTree(line));
            } catch (IOException damaged) {
                // a line cut by a crash is skipped, not fatal
            }
        });
        return entries;
    }
}
