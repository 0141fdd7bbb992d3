package org.medialive.distributor.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Jolokia (and Hawtio's path to it) answers POST only, and only to pages of this server.
 * A GET is what a link, an image or a navigation sends, with the victim's cookies and no
 * CSRF check; an Origin of another site is a page elsewhere making the request. The access
 * policy (jolokia-access.xml) says the same about methods; this filter also knows this
 * server's own origin, which a static policy file cannot.
 */
final class JolokiaGate extends OncePerRequestFilter {

    static boolean guards(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/actuator/jolokia") || path.startsWith("/actuator/hawtio/jolokia")
                || path.startsWith("/actuator/hawtio/proxy");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !guards(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            JsonErrors.write(response, 405, "Jolokia answers POST only: a GET could be sent by any page or link you open");
            return;
        }
        if ("cross-site".equals(request.getHeader("Sec-Fetch-Site")) || !sameOrigin(request)) {
            JsonErrors.write(response, 403, "Jolokia answers pages of this server only, not requests from another site");
            return;
        }
        chain.doFilter(request, response);
    }

    /** No Origin (a script, curl) is fine; one that is present must be this server's. */
    private static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return request.getScheme().equalsIgnoreCase(uri.getScheme())
                    && request.getServerName().equalsIgnoreCase(uri.getHost())
                    && request.getServerPort() == port;
        } catch (IllegalArgumentException notAUri) {
            return false; // includes "null", sent by sandboxed frames and file: pages
        }
    }
}
