package org.medialive.distributor.thumbnail;

import java.time.Instant;

/**
 * One channel's picture.
 *
 * @param etag  a strong entity tag derived from the bytes, quoted as HTTP wants it
 * @param taken when the keyframe it shows arrived
 */
public record Thumbnail(byte[] jpeg, String etag, Instant taken) {
}
