package org.medialive.distributor.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Puts each logout in the audit trail (Spring Security announces them as events). */
@Component
class LogoutAudit {

    private final AuditTrail audit;
    private final ClientAddress clients;

    LogoutAudit(AuditTrail audit, ClientAddress clients) {
        this.audit = audit;
        this.clients = clients;
    }

    @EventListener
    void loggedOut(LogoutSuccessEvent event) {
        String address = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
                ? clients.of(servlet.getRequest()) : "unknown";
        audit.record(new AuditTrail.Who(event.getAuthentication().getName(), null, address), "logout", 200);
    }
}
