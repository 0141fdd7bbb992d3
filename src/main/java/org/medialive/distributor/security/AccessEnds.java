package org.medialive.distributor.security;

import org.springframework.stereotype.Component;

/**
 * Ends the sessions and live feeds of users and tokens whose access a change ended, whether the
 * change was made here or (cluster mode) on another node and seen through ZooKeeper's watch.
 * A listener rather than a dependency: LiveConnections already needs the tokens.
 */
@Component
class AccessEnds {

    AccessEnds(UserAccounts users, ApiTokens tokens, ActiveSessions sessions) {
        users.onSessionsEnded(sessions::endUser);
        tokens.onRevoked(sessions::endToken);
    }
}
