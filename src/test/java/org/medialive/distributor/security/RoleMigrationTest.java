package org.medialive.distributor.security;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Roles include the ones before them; two-role users.json moves to three roles without anyone gaining a right. */
class RoleMigrationTest {

    @Test
    void eachRoleIncludesTheOnesBeforeIt() {
        assertThat(Role.VIEWER.words()).containsExactly("viewer");
        assertThat(Role.OPERATOR.words()).containsExactly("viewer", "operator");
        assertThat(Role.ADMIN.words()).containsExactly("viewer", "operator", "admin");
        assertThat(Role.ADMIN.authorities()).extracting(Object::toString).containsExactly("ROLE_VIEWER", "ROLE_OPERATOR", "ROLE_ADMIN");
        assertThat(Role.parse("admin")).isEqualTo(Role.ADMIN);
        assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("'viewer', 'operator' or 'admin'");
    }

    @Test
    void theBuiltInAdminBecomesAdminOtherOperatorsStay() {
        List<UserAccounts.Account> migrated = RoleMigration.toVersion2(List.of(
                account("admin", "operator"), account("night", "operator"), account("wall", "viewer")));
        assertThat(migrated).extracting(UserAccounts.Account::role).containsExactly("admin", "operator", "viewer");
    }

    @Test
    void withoutTheBuiltInAdminEveryOperatorBecomesAdminSoSomeoneManagesUsers() {
        List<UserAccounts.Account> migrated = RoleMigration.toVersion2(List.of(
                account("night", "operator"), account("day", "operator"), account("wall", "viewer")));
        assertThat(migrated).extracting(UserAccounts.Account::role).containsExactly("admin", "admin", "viewer");
    }

    @Test
    void aBuiltInAdminThatWasOnlyAViewerStaysAViewer() {
        List<UserAccounts.Account> migrated = RoleMigration.toVersion2(List.of(
                account("admin", "viewer"), account("night", "operator")));
        assertThat(migrated).extracting(UserAccounts.Account::role).containsExactly("viewer", "admin");
    }

    private static UserAccounts.Account account(String name, String role) {
        return new UserAccounts.Account(name, "$2a$10$hash", role, 0);
    }
}
