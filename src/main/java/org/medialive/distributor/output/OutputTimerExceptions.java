package org.medialive.distributor.output;

import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The exception handler of every output route's timer (routes/*-output.camel.yaml). An output's
 * route loops on a 1 ms timer; when the output stops, its route stops, and a tick that fired in
 * that same moment finds the route's error handler no longer running: Camel refuses the exchange
 * with a RejectedExecutionException. That is the stop working, not a fault: it is logged at debug.
 * Anything else is a fault of the route and is logged as Camel's default handler would, at warn.
 */
@Component("outputTimerExceptions")
class OutputTimerExceptions implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OutputTimerExceptions.class);

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exception instanceof RejectedExecutionException) {
            LOG.debug("Output route stopped while its timer fired: that tick is dropped ({})", exchange);
            return;
        }
        LOG.warn(message == null ? "Error in an output route's timer" : message, exception);
    }
}
