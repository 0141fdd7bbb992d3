package org.medialive.distributor.security;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.medialive.distributor.RequestRejectedException.notFound;

/** The layout of users.json (and of its znode). Version 1 knew viewers and operators only; version 2 adds admins and sessionsEndedAt. */
record UsersFile(int version, List<UserAccounts.Account> users) {

    static UsersFile upgraded(UsersFile stored) {
        return stored.version() < 2 ? new UsersFile(2, RoleMigration.toVersion2(stored.users())) : stored;
    }

    Optional<UserAccounts.Account> find(String username) {
        return users.stream().filter(a -> a.username().equals(username)).findFirst();
    }

    UserAccounts.Account existing(String username) {
        return find(username).orElseThrow(() -> notFound("no user '" + username + "'"));
    }

    UsersFile without(String username) {
        return new UsersFile(2, users.stream().filter(a -> !a.username().equals(username)).toList());
    }

    /** With this account added, or in place of the one with its name. */
    UsersFile with(UserAccounts.Account account) {
        Stream<UserAccounts.Account> next = find(account.username()).isPresent()
                ? users.stream().map(a -> a.username().equals(account.username()) ? account : a)
                : Stream.concat(users.stream(), Stream.of(account));
        return new UsersFile(2, next.toList());
    }
}
