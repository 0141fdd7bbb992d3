package org.medialive.distributor.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.medialive.distributor.store.PrivateFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The "admin" account of a server's first start (no users.json yet): its password comes from
 * DISTRIBUTOR_ADMIN_PASSWORD, or is generated into {@code <data>/admin-password.txt}, readable
 * by the server's user only. Never printed: console output ends up in journald or
 * {@code docker logs}, readable by more people than the file.
 */
final class FirstAdmin {

    static final String NAME = "admin";
    static final String PASSWORD_FILE = "admin-password.txt";
    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);

    private FirstAdmin() {
    }

    /** The first admin's account, its sessions ending now. */
    static UserAccounts.Account account(String configured, Path dataDir, PasswordEncoder encoder) {
        try {
            return new UserAccounts.Account(NAME, encoder.encode(password(configured, dataDir)), Role.ADMIN.word(), System.currentTimeMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first admin's password: the configured one, or a generated one written to the password file. */
    static String password(String configured, Path dataDir) throws IOException {
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < 10) {
                throw new IllegalStateException("DISTRIBUTOR_ADMIN_PASSWORD is too short: use at least 10 characters");
            }
            LOG.info("Created user '{}' (admin) with the password from DISTRIBUTOR_ADMIN_PASSWORD", NAME);
            return configured;
        }
        byte[] random = new byte[15];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path file = dataDir.resolve(PASSWORD_FILE);
        PrivateFile.write(file, (generated + "\n").getBytes(StandardCharsets.UTF_8));
        LOG.warn("No DISTRIBUTOR_ADMIN_PASSWORD was set: generated the password of user '{}' into {} (readable by this"
                + " user only). Log in, change it, and the file is deleted.", NAME, file);
        return generated;
    }

    /** Once admin's password was changed, the generated one is no longer the password: its file goes. */
    static void forgetGenerated(Path dataDir) {
        Path file = dataDir.resolve(PASSWORD_FILE);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException("could not delete " + file + ": " + e.getMessage(), e);
        }
    }

    /** Cluster mode: another node shared its users first, so this node's first admin is not one (nor its password). */
    static void lostToAnotherNode(Path dataDir) {
        forgetGenerated(dataDir);
        LOG.info("Another node stored the users in ZooKeeper first: its accounts apply here, this node's '{}' was not kept", NAME);
    }

    /** Says why a configured password has no effect once users exist. */
    static void ignored(String configured) {
        if (configured != null && !configured.isBlank()) {
            LOG.info("DISTRIBUTOR_ADMIN_PASSWORD is ignored: users exist (users.json, or ZooKeeper in cluster mode; the variable only seeds the first start)."
                    + " Change passwords in the dashboard or with POST /api/me/password.");
        }
    }
}
