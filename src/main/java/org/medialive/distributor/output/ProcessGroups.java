package org.medialive.distributor.output;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Signals a whole process group. Java can only signal single processes, so this runs
 * the util-linux {@code kill} with a negative id, which POSIX defines as "the group".
 */
final class ProcessGroups {

    private ProcessGroups() {
    }

    /** @param groupId the id of the group's leader (our children lead their own group) */
    static void signal(long groupId, String signal) {
        if (groupId <= 1) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + groupId)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // kill is part of every supported system; nothing better to do than go on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
