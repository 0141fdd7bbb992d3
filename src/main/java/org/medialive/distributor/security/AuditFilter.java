package org.medialive.distributor.security;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Feeds {@link AuditTrail} with every API call that asks for a change, once it is answered.
 * Camel answers REST calls asynchronously, so the result is read when the exchange completes.
 */
final class AuditFilter extends OncePerRequestFilter {

    private final AuditTrail trail;

    AuditFilter(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !request.getRequestURI().startsWith("/api/") || method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String user = caller == null ? "anonymous" : caller.getName();
        String method = request.getMethod();
        String path = request.getRequestURI();
        chain.doFilter(request, response);
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    trail.record(user, method, path, ((HttpServletResponse) event.getSuppliedResponse()).getStatus());
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    trail.record(user, method, path, 503);
                }

                @Override
                public void onError(AsyncEvent event) {
                    trail.record(user, method, path, 500);
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                    // the same request continuing; recorded when it completes
                }
            });
        } else {
            trail.record(user, method, path, response.getStatus());
        }
    }
}
