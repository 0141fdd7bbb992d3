package org.medialive.distributor.thumbnail;

/** A channel's picture changed: a new one (with its ETag), or none (etag null: no signal). The WebSocket forwards it. */
public record ThumbnailTaken(String channel, String etag) {
}
