package org.medialive.distributor.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Receivers, alternative designs and the capture run as long as the harness does: a run stopped
 * with Ctrl-C or killed skips every close(), and its listeners and FFmpegs would stay behind,
 * holding ports and CPU that the next run then measures. The kernel kills them instead when the
 * harness thread that started them ends ({@code setpriv --pdeathsig KILL}, util-linux).
 */
final class DiesWithBench {

    private DiesWithBench() {
    }

    static List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "--"));
        full.addAll(command);
        return full;
    }
}
