package org.medialive.distributor.thumbnail;

/**
 * One complete keyframe access unit as an Annex B elementary stream, parameter sets first:
 * what a decoder needs, and nothing else, to show one picture.
 *
 * @param number   counts the keyframes of one collector: a new number is a new picture
 * @param atMillis when its last byte arrived
 */
record Keyframe(VideoCodec codec, byte[] accessUnit, long number, long atMillis) {
}
