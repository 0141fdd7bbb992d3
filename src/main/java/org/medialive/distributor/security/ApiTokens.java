package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.store.SharedDocuments;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import static org.medialive.distributor.RequestRejectedException.invalid;
import static org.medialive.distributor.RequestRejectedException.notFound;

/**
 * Bearer tokens for automation, in {@code <data>/tokens.json} (in cluster mode: shared through
 * ZooKeeper, the file a local copy). A token is shown once, when
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

    private final SecureRandom random = new SecureRandom();
    private final AccessFile<Content> file;

    ApiTokens(DistributorProperties properties, ObjectProvider<SharedDocuments> shared) throws IOException {
        SharedDocuments documents = shared.getIfAvailable();
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.file = new AccessFile<>(properties.dataPath().resolve("tokens.json"), Content.class, json, c -> c,
                documents == null ? null : documents.document("tokens"));
        file.load(() -> new Content(1, List.of()), false);
    }

    /** Told the id of each token revoked, here or on another node. */
    void onRevoked(Consumer<String> listener) {
        file.onChange((before, after) -> AccessChanges.revokedTokens(before.tokens(), after.tokens()).forEach(listener));
    }

    public Issued create(String name, String role, String createdBy) {
        if (name == null || name.isBlank() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            throw invalid("token name is required: 1 to 64 characters saying what uses it, e.g. \"grafana\"");
        }
        Role.parse(role);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = HexFormat.of().formatHex(sha256(value)).substring(0, 12);
        Token token = new Token(id, name, role, HexFormat.of().formatHex(sha256(value)), createdBy, Instant.now());
        file.update(c -> new Content(1, Stream.concat(c.tokens().stream(), Stream.of(token)).toList()));
        return new Issued(id, name, role, value);
    }

    public List<TokenView> list() {
        return file.current().tokens().stream().map(t -> new TokenView(t.id(), t.name(), t.role(), t.createdBy(), t.created())).toList();
    }

    public void revoke(String id) {
        file.update(c -> {
            if (c.tokens().stream().noneMatch(t -> t.id().equals(id))) {
                throw notFound("no API token with id '" + id + "'");
            }
            return new Content(1, c.tokens().stream().filter(t -> !t.id().equals(id)).toList());
        });
    }

    /** The token whose value this is, compared in constant time. */
    Optional<Token> find(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] presented = HexFormat.of().formatHex(sha256(value)).getBytes(StandardCharsets.US_ASCII);
        return file.current().tokens().stream()
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
}
