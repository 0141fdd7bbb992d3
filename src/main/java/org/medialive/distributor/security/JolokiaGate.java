package org.medialive.distributor.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Jolokia (and Hawtio's path to it) answers POST only, and only to pages of this server.
 * A GET is what a link, an image or a navigation sends, with the victim's cookies and no
 * CSRF check; an Origin of another site is a page elsewhere making the request. The one
 * GET let through is the agent's version (the bare endpoint, or /version): Hawtio finds
 * Jolokia with it, and it reads nothing but the agent's version and configuration. This
 * filter also knows this server's own origin, which the static policy file cannot.
 */
final class JolokiaGate extends OncePerRequestFilter {

    private static final UrlPathHelper PATHS = new UrlPathHelper();
    private static final String[] GUARDED = {"/actuator/jolokia", "/actuator/hawtio/jolokia", "/actuator/hawtio/proxy"};

    static boolean guards(HttpServletRequest request) {
        return rest(request) != null;
    }

    /** The path after the guarded prefix it starts with, or null if it is not guarded. */
    private static String rest(HttpServletRequest request) {
        // decoded, as the servlet mapping sees it: %6Aolokia must not slip past
        String path = PATHS.getPathWithinApplication(request);
        for (String prefix : GUARDED) {
            if (path.startsWith(prefix)) {
                return path.substring(prefix.length());
            }
        }
        return null;
    }

    /** GET of the bare endpoint or /version, without a query: the agent's version and nothing else. */
    private static boolean versionRequest(HttpServletRequest request) {
        String rest = rest(request);
        return "GET".equals(request.getMethod()) && request.getQueryString() == null
                && !PATHS.getPathWithinApplication(request).startsWith("/actuator/hawtio/proxy")
                && (rest.isEmpty() || rest.equals("/") || rest.equals("/version"));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !guards(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod()) && !versionRequest(request)) {
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
