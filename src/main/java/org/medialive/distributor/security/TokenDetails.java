package org.medialive.distributor.security;

import org.springframework.security.core.Authentication;

/**
 * The details of an authentication made with an API token: its id, which is unique (its name is
 * not), so the audit trail can tell two tokens called "grafana" apart.
 */
record TokenDetails(String tokenId) {

    static String idOf(Authentication authentication) {
        return authentication != null && authentication.getDetails() instanceof TokenDetails details ? details.tokenId() : null;
    }
}
