package org.medialive.distributor;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Adds and removes the routes made from the templates in routes/ while the application
 * runs: one route per channel ingest and per output. Other routes are never touched.
 */
@Component
public class RouteTemplates {

    private final CamelContext camel;

    public RouteTemplates(CamelContext camel) {
        this.camel = camel;
    }

    /**
     * Creates and starts route {@code routeId} from {@code template}.
     * @param beans objects the template refers to by name (local to this route)
     */
    public void add(String template, String routeId, Map<String, Object> parameters, Map<String, Object> beans) {
        TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(camel, template)
                .routeId(routeId)
                .parameters(parameters);
        beans.forEach(builder::bean);
        builder.add();
    }

    /** Stops and removes the route if it exists; in-flight work gets {@code timeoutSeconds}. */
    public void remove(String routeId, long timeoutSeconds) {
        if (camel.getRoute(routeId) == null) {
            return;
        }
        try {
            camel.getRouteController().stopRoute(routeId, timeoutSeconds, TimeUnit.SECONDS);
            camel.removeRoute(routeId);
        } catch (Exception e) {
            throw new IllegalStateException("could not remove route " + routeId + ": " + e.getMessage(), e);
        }
    }

    /** The consumer of route {@code routeId} (also while it starts), or null when there is no such route. */
    public org.apache.camel.Consumer consumer(String routeId) {
        org.apache.camel.Route route = camel.getRoute(routeId);
        return route == null ? null : route.getConsumer();
    }

    public boolean exists(String routeId) {
        return camel.getRoute(routeId) != null;
    }
}
