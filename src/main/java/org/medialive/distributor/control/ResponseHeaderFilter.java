package org.medialive.distributor.control;

import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Lets only response headers the API means to send leave the server. Without it the
 * request's own headers (Authorization and Cookie among them) are echoed in the response.
 * Wired as camel.component.platform-http.header-filter-strategy.
 */
@Component("responseHeaderFilter")
public class ResponseHeaderFilter extends HttpHeaderFilterStrategy {

    private static final Set<String> SENT = Set.of("content-type", "location", "retry-after");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !SENT.contains(headerName.toLowerCase());
    }
}
