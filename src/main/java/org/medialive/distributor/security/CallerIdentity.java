package org.medialive.distributor.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records who is calling as a request attribute: the Camel REST routes run on other threads than
 * the one Spring Security authenticated, and {@link CallerOnExchanges} hands it on from there.
 */
final class CallerIdentity extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, Caller.of(SecurityContextHolder.getContext().getAuthentication()));
        chain.doFilter(request, response);
    }
}
