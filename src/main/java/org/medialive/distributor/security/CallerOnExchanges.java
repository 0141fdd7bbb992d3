package org.medialive.distributor.security;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.stereotype.Component;

/**
 * Puts the {@link Caller} that {@link CallerIdentity} recorded on the request into the exchange
 * property {@link Caller#PROPERTY} of every REST call. Only REST routes get this policy; the
 * ingest and output routes never see it.
 */
@Component
class CallerOnExchanges implements RoutePolicyFactory {

    private static final RoutePolicy COPY_CALLER = new RoutePolicySupport() {
        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            if (exchange.getIn() instanceof PlatformHttpMessage http) {
                exchange.setProperty(Caller.PROPERTY, http.getRequest().getAttribute(Caller.REQUEST_ATTRIBUTE));
            }
        }
    };

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        if (route instanceof RouteDefinition definition && (Boolean.TRUE.equals(definition.isRest())
                || definition.getInput() != null && definition.getInput().getEndpointUri().startsWith("platform-http:"))) {
            return COPY_CALLER;
        }
        return null;
    }
}
