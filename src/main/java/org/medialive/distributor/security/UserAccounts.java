package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.store.PrivateFile;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import static org.medialive.distributor.RequestRejectedException.conflict;
import static org.medialive.distributor.RequestRejectedException.invalid;
import static org.medialive.distributor.RequestRejectedException.notFound;

/**
 * Dashboard and API users in {@code <data>/users.json}, passwords stored as bcrypt hashes
 * only. The "admin" operator's password comes from DISTRIBUTOR_ADMIN_PASSWORD; without it,
 * the first start generates one and prints it once.
 */
@Component
public class UserAccounts {

    static final String ADMIN = "admin";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    /** One stored account. */
    record Account(String username, String passwordHash, String role) {
    }

    record Content(int version, List<Account> users) {
    }

    /** An account as the API shows it. */
    public record UserView(String username, String role) {
    }

    private final Path file;
    private final PasswordEncoder encoder = new BCryptPasswordEncoder();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Account> accounts = new ArrayList<>();

    UserAccounts(DistributorProperties properties) throws IOException {
        this.file = properties.dataPath().resolve("users.json");
        if (Files.exists(file)) {
            accounts.addAll(json.readValue(file.toFile(), Content.class).users());
        }
        setUpAdmin(properties.adminPassword());
    }

    /** For the password check; the same message whether the user or the password is wrong. */
    synchronized UserDetails loadUserByUsername(String username) {
        Account account = find(username);
        if (account == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return User.withUsername(account.username()).password(account.passwordHash())
                .authorities(Role.parse(account.role()).authorities()).build();
    }

    PasswordEncoder encoder() {
        return encoder;
    }

    public synchronized List<UserView> list() {
        return accounts.stream().map(a -> new UserView(a.username(), a.role())).toList();
    }

    public synchronized UserView create(String username, String password, String role) {
        if (username == null || !NAME.matcher(username).matches()) {
            throw invalid("username must be 1 to 32 characters of a-z, 0-9, '.', '_' and '-'");
        }
        checkPassword(password);
        Role.parse(role);
        if (find(username) != null) {
            throw conflict("user '" + username + "' already exists");
        }
        accounts.add(new Account(username, encoder.encode(password), role));
        save();
        return new UserView(username, role);
    }

    public synchronized void delete(String username) {
        Account account = find(username);
        if (account == null) {
            throw notFound("no user '" + username + "'");
        }
        if (account.role().equals("operator") && accounts.stream().filter(a -> a.role().equals("operator")).count() == 1) {
            throw conflict("'" + username + "' is the last operator; create another operator first");
        }
        accounts.remove(account);
        save();
    }

    private void setUpAdmin(String configured) throws IOException {
        Account admin = find(ADMIN);
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < 10) {
                throw new IllegalStateException("DISTRIBUTOR_ADMIN_PASSWORD is too short: use at least 10 characters");
            }
            if (admin == null || !encoder.matches(configured, admin.passwordHash())) {
                accounts.remove(admin);
                accounts.add(0, new Account(ADMIN, encoder.encode(configured), "operator"));
                save();
            }
        } else if (admin == null && accounts.stream().noneMatch(a -> a.role().equals("operator"))) {
            byte[] random = new byte[15];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            accounts.add(0, new Account(ADMIN, encoder.encode(generated), "operator"));
            save();
            // printed once, to the console only: the data file keeps nothing but the hash
            System.out.println("""

                    ================================================================
                     MediaLive Distributor: no DISTRIBUTOR_ADMIN_PASSWORD was set.
                     Generated the password of user 'admin' (shown only this once):
                         %s
                     Set DISTRIBUTOR_ADMIN_PASSWORD to choose your own.
                    ================================================================
                    """.formatted(generated));
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < 10 || password.length() > 200) {
            throw invalid("password must be 10 to 200 characters");
        }
    }

    private Account find(String username) {
        return accounts.stream().filter(a -> a.username().equals(username)).findFirst().orElse(null);
    }

    private void save() {
        try {
            PrivateFile.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Content(1, accounts)));
        } catch (IOException e) {
            throw new IllegalStateException("could not save " + file + ": " + e.getMessage(), e);
        }
    }
}
