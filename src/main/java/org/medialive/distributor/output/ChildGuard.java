package org.medialive.distributor.output;

import java.util.List;

/**
 * A command put before every child's own (after setsid), empty unless cluster mode installs
 * one: there a child must not outlive, nor outrun, a JVM that is dead or stopped, since another
 * node takes its channels over (docs/CLUSTER.md, "Children of a stopped node").
 */
public final class ChildGuard {

    private static volatile List<String> prefix = List.of();

    private ChildGuard() {
    }

    /** Set once at start-up, before any child starts. */
    public static void install(List<String> command) {
        prefix = List.copyOf(command);
    }

    static List<String> prefix() {
        return prefix;
    }
}
