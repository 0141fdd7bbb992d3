package org.medialive.distributor.security;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Feeds {@link AuditTrail}, once each request is answered, with: every API call that asks for a
 * change, every refusal (401, 403, a missing CSRF token) and every Jolokia or Hawtio write. It
 * runs before the CSRF and authentication filters, so it sees their refusals too. Camel answers
 * REST calls asynchronously, so the result is read when the exchange completes.
 */
final class AuditFilter extends OncePerRequestFilter {

    private static final String REFUSAL = AuditFilter.class.getName() + ".refusal";
    private static final int JOLOKIA_BODY_LIMIT = 64 * 1024;

    private final AuditTrail trail;
    private final ClientAddress clients;

    AuditFilter(AuditTrail trail, ClientAddress clients) {
        this.trail = trail;
        this.clients = clients;
    }

    /** Called by the 401/403 handlers: why the request was refused, for its audit entry. */
    static void noteRefusal(HttpServletRequest request, String reason) {
        request.setAttribute(REFUSAL, reason);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest seen = JolokiaWrites.isJolokia(request.getRequestURI()) && "POST".equals(request.getMethod())
                ? new ContentCachingRequestWrapper(request, JOLOKIA_BODY_LIMIT) : request;
        // a session's user is known now; a Basic or token caller once authenticated (CallerIdentity)
        Authentication session = SecurityContextHolder.getContext().getAuthentication();
        chain.doFilter(seen, response);
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    answered(seen, session, ((HttpServletResponse) event.getSuppliedResponse()).getStatus());
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                    answered(seen, session, 503);
                }

                @Override
                public void onError(AsyncEvent event) {
                    answered(seen, session, 500);
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                    // the same request continuing; recorded when it completes
                }
            });
        } else {
            answered(seen, session, response.getStatus());
        }
    }

    private void answered(HttpServletRequest request, Authentication session, int status) {
        if (request.getAttribute(LoginAttempts.AUDITED) != null) {
            return;  // a failed or locked-out login: recorded as such already
        }
        String method = request.getMethod();
        String uri = request.getRequestURI();
        String action = null;
        Object reason = request.getAttribute(REFUSAL);
        if (status == 401 || status == 403) {
            action = method + " " + uri;
        } else if (JolokiaWrites.isJolokia(uri)) {
            List<String> writes = request instanceof ContentCachingRequestWrapper cached
                    ? JolokiaWrites.inBody(cached.getContentAsByteArray()) : JolokiaWrites.inPath(uri);
            action = writes.isEmpty() ? null : "jolokia " + String.join("; ", writes);
        } else if (uri.startsWith("/api/") && !List.of("GET", "HEAD", "OPTIONS").contains(method)) {
            action = method + " " + uri;
        }
        if (action != null) {
            trail.record(who(request, session), action, status, reason == null ? null : reason.toString());
        }
    }

    private AuditTrail.Who who(HttpServletRequest request, Authentication session) {
        String address = clients.of(request);
        if (request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller && !caller.user().isEmpty()) {
            return new AuditTrail.Who(caller.user(), caller.tokenId(), address);
        }
        if (session != null && session.isAuthenticated() && !"anonymousUser".equals(session.getName())) {
            return new AuditTrail.Who(session.getName(), TokenDetails.idOf(session), address);
        }
        return new AuditTrail.Who("anonymous", null, address);
    }
}
