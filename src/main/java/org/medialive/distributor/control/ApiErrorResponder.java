package org.medialive.distributor.control;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.medialive.distributor.RequestRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The shared error handler of routes/error-handling.camel.yaml. For an API call it answers
 * {@code {"error": "..."}} with the right status; for any other route it logs the failure. A refused request
 * is the caller's mistake: one log line, no stack trace. Anything else is ours: logged in full under a
 * reference, and answered "internal error" with that reference only.
 */
@Component("apiErrorResponder")
public class ApiErrorResponder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorResponder.class);

    private final ApiJson json;

    ApiErrorResponder(ApiJson json) {
        this.json = json;
    }

    @Override
    public void process(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (exchange.getMessage().getHeader(Exchange.HTTP_METHOD) == null) {
            LOG.error("Route {} failed", exchange.getFromRouteId(), failure);
            return;
        }
        int status;
        String message;
        if (failure instanceof RequestRejectedException rejected) {
            status = switch (rejected.reason()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case LIMIT_REACHED -> 422;
            };
            message = rejected.getMessage();
            LOG.info("Refused {} {}: {}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                    exchange.getMessage().getHeader(Exchange.HTTP_URI), message);
        } else {
            status = 500;
            message = InternalErrors.logged(exchange.getMessage().getHeader(Exchange.HTTP_METHOD) + " "
                    + exchange.getMessage().getHeader(Exchange.HTTP_URI), failure);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.write(status == 500
                ? Map.of("error", message, "reference", InternalErrors.referenceIn(message)) : Map.of("error", message)));
    }
}
