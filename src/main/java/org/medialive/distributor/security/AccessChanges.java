package org.medialive.distributor.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whose access a change of the users or tokens ended. Worked out from the content before and
 * after rather than from the request, so a change made on another node ends sessions here too.
 */
final class AccessChanges {

    private AccessChanges() {
    }

    /** Users deleted, or whose sessions were ended (password changed) or password replaced. */
    static List<String> endedUsers(List<UserAccounts.Account> before, List<UserAccounts.Account> after) {
        Map<String, UserAccounts.Account> now = after.stream().collect(Collectors.toMap(UserAccounts.Account::username, Function.identity(), (a, b) -> a));
        return before.stream().filter(old -> {
            UserAccounts.Account account = now.get(old.username());
            return account == null || account.sessionsEndedAt() > old.sessionsEndedAt()
                    || !account.passwordHash().equals(old.passwordHash());
        }).map(UserAccounts.Account::username).toList();
    }

    /** Ids of the tokens revoked. */
    static List<String> revokedTokens(List<ApiTokens.Token> before, List<ApiTokens.Token> after) {
        Set<String> now = after.stream().map(ApiTokens.Token::id).collect(Collectors.toSet());
        return before.stream().map(ApiTokens.Token::id).filter(id -> !now.contains(id)).toList();
    }
}
