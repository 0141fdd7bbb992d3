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
    /** Set by ThumbnailApi on its route only: anywhere else they would be the request's own, echoed. */
    private static final Set<String> PICTURE = Set.of("etag", "cache-control", "last-modified");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        String name = headerName.toLowerCase();
        return !(SENT.contains(name) || PICTURE.contains(name) && ThumbnailApi.ROUTE.equals(exchange.getFromRouteId()));
    }
}
