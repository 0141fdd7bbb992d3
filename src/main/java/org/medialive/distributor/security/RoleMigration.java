package org.medialive.distributor.security;

import java.util.List;

/**
 * users.json version 1 had viewers and operators, and operators managed users. Version 2
 * gives that to admins: the built-in "admin" becomes one and other operators stay
 * operators. If there is no "admin" user, every operator becomes an admin, so that
 * someone can still manage users and nobody gains a right they did not have.
 */
final class RoleMigration {

    private RoleMigration() {
    }

    static List<UserAccounts.Account> toVersion2(List<UserAccounts.Account> version1) {
        boolean builtInAdmin = version1.stream()
                .anyMatch(a -> a.username().equals(FirstAdmin.NAME) && a.role().equals(Role.OPERATOR.word()));
        return version1.stream().map(a -> a.role().equals(Role.OPERATOR.word()) && (!builtInAdmin || a.username().equals(FirstAdmin.NAME))
                ? new UserAccounts.Account(a.username(), a.passwordHash(), Role.ADMIN.word(), a.sessionsEndedAt())
                : a).toList();
    }
}
