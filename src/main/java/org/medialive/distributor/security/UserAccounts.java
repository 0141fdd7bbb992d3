package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * only. Each account remembers when its sessions were last ended (created, password
 * changed): a login session older than that is refused, even one restored after a restart.
 */
@Component
public class UserAccounts {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");

    /** One stored account; sessionsEndedAt in epoch milliseconds. */
    record Account(String username, String passwordHash, String role, long sessionsEndedAt) {

        Account withPassword(String hash, long now) {
            return new Account(username, hash, role, now);
        }
    }

    /** Version 1 knew viewers and operators only; version 2 adds admins and sessionsEndedAt. */
    record Content(int version, List<Account> users) {
    }

    /** An account as the API shows it. */
    public record UserView(String username, String role) {
    }

    private final Path file;
    private final Path dataDir;
    private final PasswordEncoder encoder = new BCryptPasswordEncoder();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Account> accounts = new ArrayList<>();

    UserAccounts(DistributorProperties properties) throws IOException {
        this.file = properties.dataPath().resolve("users.json");
        this.dataDir = properties.dataPath();
        if (Files.exists(file)) {
            Content stored = json.readValue(file.toFile(), Content.class);
            accounts.addAll(stored.version() < 2 ? RoleMigration.toVersion2(stored.users()) : stored.users());
            if (stored.version() < 2) {
                save();
            }
            FirstAdmin.ignored(properties.adminPassword());
        } else {
            String password = FirstAdmin.password(properties.adminPassword(), properties.dataPath());
            accounts.add(new Account(FirstAdmin.NAME, encoder.encode(password), Role.ADMIN.word(), System.currentTimeMillis()));
            save();
        }
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

    /** The account's role if a session that logged in at {@code loginAt} may still be used, else empty. */
    synchronized Optional<Role> sessionRole(String username, long loginAt) {
        Account account = find(username);
        return account == null || loginAt < account.sessionsEndedAt() ? Optional.empty() : Optional.of(Role.parse(account.role()));
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
        // sessions of an earlier account with this name must not become this one's
        accounts.add(new Account(username, encoder.encode(password), role, System.currentTimeMillis()));
        save();
        return new UserView(username, role);
    }

    public synchronized void delete(String username) {
        Account account = existing(username);
        if (account.role().equals(Role.ADMIN.word()) && accounts.stream().filter(a -> a.role().equals(Role.ADMIN.word())).count() == 1) {
            throw conflict("'" + username + "' is the last admin; create another admin first");
        }
        accounts.remove(account);
        save();
    }

    /** A user changing their own password: the current one must be given. */
    public synchronized void changeOwnPassword(String username, String current, String password) {
        Account account = existing(username);
        if (current == null || !encoder.matches(current, account.passwordHash())) {
            throw invalid("the current password is not right");
        }
        setPassword(username, password);
    }

    /** Sets a password and ends every session of the account. */
    public synchronized void setPassword(String username, String password) {
        Account account = existing(username);
        checkPassword(password);
        accounts.set(accounts.indexOf(account), account.withPassword(encoder.encode(password), System.currentTimeMillis()));
        save();
        if (username.equals(FirstAdmin.NAME)) {
            FirstAdmin.forgetGenerated(dataDir);
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < 10 || password.length() > 200) {
            throw invalid("password must be 10 to 200 characters");
        }
    }

    private Account existing(String username) {
        Account account = find(username);
        if (account == null) {
            throw notFound("no user '" + username + "'");
        }
        return account;
    }

    private Account find(String username) {
        return accounts.stream().filter(a -> a.username().equals(username)).findFirst().orElse(null);
    }

    private void save() {
        try {
            PrivateFile.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Content(2, accounts)));
        } catch (IOException e) {
            throw new IllegalStateException("could not save " + file + ": " + e.getMessage(), e);
        }
    }
}
