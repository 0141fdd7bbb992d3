package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medialive.distributor.DistributorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who did what, when, from where, and with what result, as one JSON line per entry in
 * {@code <data>/audit.log} (owner-only): changes through the API, logins, failed logins,
 * lockouts, logouts, refused requests, Jolokia and Hawtio writes. Request bodies are never
 * recorded: they may hold passphrases and stream keys. Written directly rather than through
 * camel-file so that creating (0600), appending and rotating happen under one lock.
 */
@Component
public class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final Set<StandardOpenOption> APPEND = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);

    private final Path file;
    private final long maxSize;
    private final int files;
    private final ObjectMapper json = new ObjectMapper();

    AuditTrail(DistributorProperties properties, AuditProperties audit) {
        this.file = properties.dataPath().resolve("audit.log");
        this.maxSize = audit.maxSize().toBytes();
        this.files = Math.max(1, audit.files());
    }

    /** One entry; {@code who} says who asked, {@code action} what, {@code status} the HTTP status answered. */
    void record(Who who, String action, int status) {
        record(who, action, status, null);
    }

    /** The same, with why it was refused ({@code reason}, may be null). */
    void record(Who who, String action, int status, String reason) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.now().toString());
        entry.put("user", LogSafeText.of(who.user()));
        if (who.tokenId() != null) {
            entry.put("token", who.tokenId());
        }
        entry.put("address", who.address());
        entry.put("action", LogSafeText.of(action, 300));
        entry.put("status", status);
        entry.put("result", status < 400 ? "done" : status < 500 ? "refused" : "failed");
        if (reason != null) {
            entry.put("reason", reason);
        }
        try {
            append((json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the request was answered already; losing an entry must be loud but not fail it
            LOG.error("Could not write the audit entry for {} to {}: {}", entry.get("action"), file, e.getMessage());
        }
    }

    /** The caller of an audited action: a user name, the API token's id if one was used, the client address. */
    record Who(String user, String tokenId, String address) {
    }

    private synchronized void append(byte[] line) throws IOException {
        if (Files.exists(file) && Files.size(file) + line.length > maxSize) {
            rotate();
        }
        try (FileChannel channel = FileChannel.open(file, APPEND,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            channel.write(ByteBuffer.wrap(line));
        }
    }

    private void rotate() throws IOException {
        Files.deleteIfExists(rotated(files));
        for (int n = files - 1; n >= 1; n--) {
            if (Files.exists(rotated(n))) {
                Files.move(rotated(n), rotated(n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(rotated(files + 1));
    }

    private Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    /** The newest {@code limit} entries, newest first, read backwards from the end of the files. */
    public synchronized List<JsonNode> latest(int limit) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (int n = 0; n <= files && entries.size() < limit; n++) {
            Path source = n == 0 ? file : rotated(n);
            if (!Files.exists(source)) {
                continue;
            }
            for (String line : TailLines.read(source, limit - entries.size())) {
                try {
                    entries.add(json.readTree(line));
                } catch (IOException damaged) {
                    // a line cut by a crash is skipped, not fatal
                }
            }
        }
        return entries;
    }
}
