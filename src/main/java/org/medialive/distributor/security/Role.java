package org.medialive.distributor.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a user or API token may do. Each role can do everything the ones before it can. */
public enum Role {
    /** Reads: dashboard, API GETs, metrics, health; changes its own password. */
    VIEWER,
    /** Changes channels and outputs. */
    OPERATOR,
    /** Manages users and API tokens, reads the audit log, uses Hawtio and Jolokia (read-only). */
    ADMIN;

    public String word() {
        return name().toLowerCase();
    }

    /** This role's word and those of the roles it includes, e.g. [viewer, operator] for an operator. */
    public List<String> words() {
        List<String> words = new ArrayList<>();
        for (Role role : values()) {
            if (role.ordinal() <= ordinal()) {
                words.add(role.word());
            }
        }
        return words;
    }

    public List<GrantedAuthority> authorities() {
        return words().stream().<GrantedAuthority>map(w -> new SimpleGrantedAuthority("ROLE_" + w.toUpperCase())).toList();
    }

    public static Role parse(String word) {
        for (Role role : values()) {
            if (role.word().equals(word)) {
                return role;
            }
        }
        throw org.medialive.distributor.RequestRejectedException.invalid("role must be 'viewer', 'operator' or 'admin'");
    }
}
