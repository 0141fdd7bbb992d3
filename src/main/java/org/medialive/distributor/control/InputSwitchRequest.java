package org.medialive.distributor.control;

/** The body of POST /api/channels/{id}/input/switch: "primary" or "backup". */
record InputSwitchRequest(String to) {
}
