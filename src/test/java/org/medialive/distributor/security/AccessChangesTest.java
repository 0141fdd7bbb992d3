package org.medialive.distributor.security;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whose access a change ended, worked out from the content before and after (as a watch on another node sees it). */
class AccessChangesTest {

    private static UserAccounts.Account account(String name, String hash, long endedAt) {
        return new UserAccounts.Account(name, hash, "viewer", endedAt);
    }

    @Test
    void deletedUsersAndChangedPasswordsEndSessionsNewAndUnchangedUsersDoNot() {
        List<UserAccounts.Account> before = List.of(account("kept", "h1", 1), account("gone", "h2", 1),
                account("changed", "h3", 1), account("rehashed", "h4", 1));
        List<UserAccounts.Account> after = List.of(account("kept", "h1", 1), account("changed", "h5", 7),
                account("rehashed", "h6", 1), account("new", "h7", 9));
        assertThat(AccessChanges.endedUsers(before, after)).containsExactly("gone", "changed", "rehashed");
        assertThat(AccessChanges.endedUsers(before, before)).isEmpty();
    }

    @Test
    void revokedTokensAreTheOnesNoLongerListed() {
        ApiTokens.Token a = new ApiTokens.Token("aaa", "grafana", "viewer", "x", "admin", Instant.EPOCH);
        ApiTokens.Token b = new ApiTokens.Token("bbb", "grafana", "viewer", "y", "admin", Instant.EPOCH);
        ApiTokens.Token c = new ApiTokens.Token("ccc", "ci", "operator", "z", "admin", Instant.EPOCH);
        assertThat(AccessChanges.revokedTokens(List.of(a, b), List.of(b, c))).containsExactly("aaa");
        assertThat(AccessChanges.revokedTokens(List.of(a), List.of(a, c))).isEmpty();
    }
}
