package org.medialive.distributor.security;

import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.Authentication;

/**
 * Who made an API call, as Spring Security authenticated it. It reaches the Camel REST routes
 * as the exchange property {@link #PROPERTY}, never as a header: Camel puts query parameters
 * and request headers in one map, so a header could be set by the caller ("?X-Distributor-User=x").
 *
 * @param user    the user name, or "token:<name>" for an API token
 * @param roles   "viewer", "operator", ... as granted
 * @param tokenId the API token's id when the call used one, else null
 */
public record Caller(String user, List<String> roles, String tokenId) {

    /** The exchange property the REST routes read. */
    public static final String PROPERTY = "distributor.caller";

    /** The request attribute the servlet filter sets; request attributes cannot be set by a client. */
    static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    static Caller of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return new Caller("", List.of(), null);
        }
        // in Role's order (viewer, operator, admin): Spring's User keeps its authorities sorted by name
        List<String> granted = authentication.getAuthorities().stream().map(a -> a.getAuthority()).toList();
        List<String> roles = Arrays.stream(Role.values())
                .filter(role -> granted.contains("ROLE_" + role.name())).map(Role::word).toList();
        return new Caller(authentication.getName(), roles, TokenDetails.idOf(authentication));
    }
}
