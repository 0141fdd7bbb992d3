package org.medialive.distributor.security;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a user or API token may do. An operator can do everything a viewer can. */
public enum Role {
    /** Reads: dashboard, API GETs, metrics, health. */
    VIEWER,
    /** Changes: channels, outputs, users, tokens; Hawtio and Jolokia. */
    OPERATOR;

    public String word() {
        return name().toLowerCase();
    }

    public List<GrantedAuthority> authorities() {
        return this == OPERATOR
                ? List.of(new SimpleGrantedAuthority("ROLE_VIEWER"), new SimpleGrantedAuthority("ROLE_OPERATOR"))
                : List.of(new SimpleGrantedAuthority("ROLE_VIEWER"));
    }

    public static Role parse(String word) {
        if ("viewer".equals(word)) {
            return VIEWER;
        }
        if ("operator".equals(word)) {
            return OPERATOR;
        }
        throw org.medialive.distributor.RequestRejectedException.invalid("role must be 'viewer' or 'operator'");
    }
}
