package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.store.PrivateFile;
import org.springframework.stereotype.Component;

import static org.medialive.distributor.RequestRejectedException.invalid;
import static org.medialive.distributor.RequestRejectedException.notFound;

/**
 * Bearer tokens for automation, in {@code <data>/tokens.json}. A token is shown once, when
 * created; only its SHA-256 is stored (it is 256 random bits, so a slow hash adds nothing).
 */
@Component
public class ApiTokens {

    private static final String PREFIX = "mld_";

    /** One stored token: never its value. */
    public record Token(String id, String name, String role, String sha256, String createdBy, Instant created) {
    }

    record Content(int version, List<Token> tokens) {
    }

    /** What the creator gets back, once: the token itself. */
    public record Issued(String id, String name, String role, String token) {
    }

    /** A token as listings show it. */
    public record TokenView(String id, String name, String role, String createdBy, Instant created) {
    }

    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final List<Token> tokens = new ArrayList<>();

    ApiTokens(DistributorProperties properties) throws IOException {
        this.file = properties.dataPath().resolve("tokens.json");
        if (Files.exists(file)) {
            tokens.addAll(json.readValue(file.toFile(), Content.class).tokens());
        }
    }

    public synchronized Issued create(String name, String role, String createdBy) {
        if (name == null || name.isBlank() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            throw invalid("token name is required: 1 to 64 characters saying what uses it, e.g. \"grafana\"");
        }
        Role.parse(role);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = HexFormat.of().formatHex(sha256(value)).substring(0, 12);
        tokens.add(new Token(id, name, role, HexFormat.of().formatHex(sha256(value)), createdBy, Instant.now()));
        save();
        return new Issued(id, name, role, value);
    }

    public synchronized List<TokenView> list() {
        return tokens.stream().map(t -> new TokenView(t.id(), t.name(), t.role(), t.createdBy(), t.created())).toList();
    }

    public synchronized void revoke(String id) {
        if (!tokens.removeIf(t -> t.id().equals(id))) {
            throw notFound("no API token with id '" + id + "'");
        }
        save();
    }

    /** The token whose value this is, compared in constant time. */
    synchronized Optional<Token> find(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] presented = HexFormat.of().formatHex(sha256(value)).getBytes(StandardCharsets.US_ASCII);
        return tokens.stream()
                .filter(t -> MessageDigest.isEqual(presented, t.sha256().getBytes(StandardCharsets.US_ASCII)))
                .findFirst();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void save() {
        try {
            PrivateFile.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Content(1, tokens)));
        } catch (IOException e) {
            throw new IllegalStateException("could not save " + file + ": " + e.getMessage(), e);
        }
    }
}
