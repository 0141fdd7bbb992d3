package org.medialive.distributor.store;

import java.nio.file.Path;

/** The data file cannot be used; start-up stops with this message and the file is left untouched. */
public class InvalidConfigException extends RuntimeException {

    public InvalidConfigException(Path file, String problem) {
        super("Cannot start: " + file + " is not valid: " + problem
                + ". Fix the file or move it away; it has not been changed.");
    }
}
