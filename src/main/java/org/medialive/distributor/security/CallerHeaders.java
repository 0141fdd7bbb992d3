package org.medialive.distributor.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells the Camel REST routes who is calling: they run on other threads than the one
 * Spring Security authenticated, so the caller travels as two request headers this filter
 * sets (any a client sent itself are discarded).
 */
final class CallerHeaders extends OncePerRequestFilter {

    static final String USER = "X-Distributor-User";
    static final String ROLE = "X-Distributor-Role";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String user = caller == null || !caller.isAuthenticated() ? "" : caller.getName();
        chain.doFilter(new Wrapper(request, Map.of(USER.toLowerCase(), user, ROLE.toLowerCase(), highestRole(caller).word())), response);
    }

    private static Role highestRole(Authentication caller) {
        Role highest = Role.VIEWER;
        for (Role role : Role.values()) {
            if (caller != null && caller.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role.name()))) {
                highest = role;
            }
        }
        return highest;
    }

    private static final class Wrapper extends HttpServletRequestWrapper {

        private final Map<String, String> set;

        Wrapper(HttpServletRequest request, Map<String, String> set) {
            super(request);
            this.set = set;
        }

        @Override
        public String getHeader(String name) {
            String value = set.get(name.toLowerCase());
            return value != null ? value : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String value = set.get(name.toLowerCase());
            return value != null ? Collections.enumeration(List.of(value)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (String name : Collections.list(super.getHeaderNames())) {
                if (!set.containsKey(name.toLowerCase())) {
                    names.add(name);
                }
            }
            names.addAll(List.of(USER, ROLE));
            return Collections.enumeration(names);
        }
    }
}
