package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.store.SharedDocuments;
import org.springframework.beans.factory.ObjectProvider;
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
 * Dashboard and API users in {@code <data>/users.json} (in cluster mode: shared through ZooKeeper,
 * the file a local copy), passwords stored as bcrypt hashes only. Each account remembers when its
 * sessions were last ended (created, password changed): a login session older than that is
 * refused, even one restored after a restart or made on another node.
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

    /** An account as the API shows it. */
    public record UserView(String username, String role) {
    }

    private final java.nio.file.Path dataDir;
    private final PasswordEncoder encoder = new BCryptPasswordEncoder();
    private final AccessFile<UsersFile> file;

    UserAccounts(DistributorProperties properties, ObjectProvider<SharedDocuments> shared) throws IOException {
        this.dataDir = properties.dataPath();
        SharedDocuments documents = shared.getIfAvailable();
        this.file = new AccessFile<>(dataDir.resolve("users.json"), UsersFile.class, new ObjectMapper(), UsersFile::upgraded,
                documents == null ? null : documents.document("users"));
        boolean[] created = {false};
        boolean kept = file.load(() -> {
            created[0] = true;
            return new UsersFile(2, List.of(FirstAdmin.account(properties.adminPassword(), dataDir, encoder)));
        }, true);
        if (!created[0]) {
            FirstAdmin.ignored(properties.adminPassword());
        } else if (!kept) {
            FirstAdmin.lostToAnotherNode(dataDir);
        }
    }

    /** Told each user whose sessions must end (deleted, password changed), here or on another node. */
    void onSessionsEnded(Consumer<String> listener) {
        file.onChange((before, after) -> AccessChanges.endedUsers(before.users(), after.users()).forEach(listener));
    }

    /** For the password check; the same message whether the user or the password is wrong. */
    UserDetails loadUserByUsername(String username) {
        Account account = file.current().find(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return User.withUsername(account.username()).password(account.passwordHash())
                .authorities(Role.parse(account.role()).authorities()).build();
    }

    PasswordEncoder encoder() {
        return encoder;
    }

    /** The account's role if a session that logged in at {@code loginAt} may still be used, else empty. */
    Optional<Role> sessionRole(String username, long loginAt) {
        return file.current().find(username).filter(a -> loginAt >= a.sessionsEndedAt()).map(a -> Role.parse(a.role()));
    }

    public List<UserView> list() {
        return file.current().users().stream().map(a -> new UserView(a.username(), a.role())).toList();
    }

    public UserView create(String username, String password, String role) {
        if (username == null || !NAME.matcher(username).matches()) {
            throw invalid("username must be 1 to 32 characters of a-z, 0-9, '.', '_' and '-'");
        }
        checkPassword(password);
        Role.parse(role);
        // sessions of an earlier account with this name must not become this one's
        Account account = new Account(username, encoder.encode(password), role, System.currentTimeMillis());
        file.update(c -> {
            if (c.find(username).isPresent()) {
                throw conflict("user '" + username + "' already exists");
            }
            return c.with(account);
        });
        return new UserView(username, role);
    }

    public void delete(String username) {
        file.update(c -> {
            Account account = c.existing(username);
            if (account.role().equals(Role.ADMIN.word()) && c.users().stream().filter(a -> a.role().equals(Role.ADMIN.word())).count() == 1) {
                throw conflict("'" + username + "' is the last admin; create another admin first");
            }
            return c.without(username);
        });
    }

    /** A user changing their own password: the current one must be given. */
    public void changeOwnPassword(String username, String current, String password) {
        Account account = file.current().existing(username);
        if (current == null || !encoder.matches(current, account.passwordHash())) {
            throw invalid("the current password is not right");
        }
        setPassword(username, password);
    }

    /** Sets a password and ends every session of the account. */
    public void setPassword(String username, String password) {
        file.current().existing(username);
        checkPassword(password);
        String hash = encoder.encode(password);
        long now = System.currentTimeMillis();
        file.update(c -> c.with(c.existing(username).withPassword(hash, now)));
        if (username.equals(FirstAdmin.NAME)) {
            FirstAdmin.forgetGenerated(dataDir);
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < 10 || password.length() > 200) {
            throw invalid("password must be 10 to 200 characters");
        }
    }
}
