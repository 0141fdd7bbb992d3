package org.medialive.distributor.control;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.medialive.distributor.thumbnail.ThumbnailService;

/**
 * {@code GET /api/channels/{id}/thumbnail}: the channel's latest picture as JPEG, revalidated
 * by ETag (a dashboard polling an unchanged picture gets 304 and no bytes), or 404 with
 * {@code error} and a machine-readable {@code reason} when there is none.
 */
@org.springframework.stereotype.Component("thumbnailApi")
public class ThumbnailApi {

    /** The 404 body when the channel exists but has no picture now; {@code reason} is for programs, {@code error} for people. */
    public record Missing(String error, String reason, String state) {
    }

    static final String ROUTE = "api-channel-thumbnail";

    /** Browsers may reuse a picture briefly but must ask again soon: a new one comes every few seconds. */
    static final String CACHE_CONTROL = "private, max-age=0, must-revalidate";

    private final ThumbnailService thumbnails;
    private final ApiJson json;

    ThumbnailApi(ThumbnailService thumbnails, ApiJson json) {
        this.thumbnails = thumbnails;
        this.json = json;
    }

    public Object thumbnail(@Header("id") String id, @Header("If-None-Match") String ifNoneMatch, Exchange exchange) {
        ThumbnailService.Lookup found = thumbnails.lookup(id);
        var message = exchange.getMessage();
        message.setHeader("Cache-Control", CACHE_CONTROL);
        message.removeHeader("ETag"); // the request's own, if it sent any
        message.removeHeader("Last-Modified");
        if (found.thumbnail() == null) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            return json.write(new Missing(explain(id, found), found.missing().name().toLowerCase().replace('_', '-'), found.state()));
        }
        message.setHeader("ETag", found.thumbnail().etag());
        message.setHeader("Last-Modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(found.thumbnail().taken().atZone(java.time.ZoneOffset.UTC)));
        if (ifNoneMatch != null && matches(ifNoneMatch, found.thumbnail().etag())) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            return null;
        }
        message.setHeader(Exchange.CONTENT_TYPE, "image/jpeg");
        return found.thumbnail().jpeg();
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static String explain(String id, ThumbnailService.Lookup found) {
        return switch (found.missing()) {
            case NO_SIGNAL -> "channel '" + id + "' has no signal (" + found.state() + "): no picture until MPEG-TS arrives";
            case NO_VIDEO -> "channel '" + id + "' carries no H.264 or HEVC video stream to picture";
            case NO_KEYFRAME_YET -> "channel '" + id + "' has no picture yet: one follows its next keyframe";
            case DISABLED -> "thumbnails are turned off on this server (distributor.thumbnails.enabled)";
        };
    }
}
