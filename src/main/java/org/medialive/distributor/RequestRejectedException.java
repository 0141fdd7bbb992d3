package org.medialive.distributor;

/**
 * A request the operator must fix: the message says what is wrong and how to fix it.
 * Thrown by the channel and output features, turned into a 4xx answer by the API.
 */
public class RequestRejectedException extends RuntimeException {

    /** Why the request was refused; the API maps each to an HTTP status. */
    public enum Reason { INVALID, NOT_FOUND, CONFLICT, LIMIT_REACHED }

    private final Reason reason;

    public RequestRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public static RequestRejectedException invalid(String message) {
        return new RequestRejectedException(Reason.INVALID, message);
    }

    public static RequestRejectedException notFound(String message) {
        return new RequestRejectedException(Reason.NOT_FOUND, message);
    }

    public static RequestRejectedException conflict(String message) {
        return new RequestRejectedException(Reason.CONFLICT, message);
    }

    public Reason reason() {
        return reason;
    }
}
