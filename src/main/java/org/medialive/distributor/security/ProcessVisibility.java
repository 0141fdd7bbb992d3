package org.medialive.distributor.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether other local users can read our output processes' command lines, which hold SRT
 * passphrases and RTMP stream keys (srt-live-transmit and FFmpeg take their destination from
 * argv only). They cannot when /proc is mounted with hidepid (1/noaccess, 2/invisible or
 * 4/ptraceable). Checked once at start, in the /proc of init's mount namespace (where users log
 * in; a service's private /proc would say nothing about theirs), else our own; warned about in
 * the log, the health details and the dashboard.
 */
@Component
public class ProcessVisibility {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessVisibility.class);
    static final String ADVICE = "other local users can read the command lines of this server's output processes, "
            + "SRT passphrases and RTMP stream keys included: /proc is mounted without hidepid. "
            + "Remount it with hidepid=invisible (docs/OPERATIONS.md, \"Secrets on command lines\")";

    /** What was found: whether command lines are exposed, and what says so. */
    public record Finding(boolean exposed, String evidence) {
    }

    private final Finding finding;

    ProcessVisibility() {
        this(List.of(Path.of("/proc/1/mountinfo"), Path.of("/proc/self/mountinfo")));
    }

    ProcessVisibility(List<Path> mountTables) {
        this.finding = inspect(mountTables);
        if (finding.exposed()) {
            LOG.warn("Secrets visible: {} ({})", ADVICE, finding.evidence());
        } else {
            LOG.info("Output command lines are hidden from other users ({})", finding.evidence());
        }
    }

    public Finding finding() {
        return finding;
    }

    private static Finding inspect(List<Path> mountTables) {
        for (Path table : mountTables) {
            try {
                Finding found = fromMountTable(table.toString(), Files.readAllLines(table));
                if (found != null) {
                    return found;
                }
            } catch (IOException | SecurityException unreadable) {
                // init's table is not readable to every user; try the next
            }
        }
        return new Finding(true, "the mount options of /proc could not be read");
    }

    /** The finding for one mount table (/proc/PID/mountinfo format), or null if it has no /proc. */
    static Finding fromMountTable(String source, List<String> lines) {
        Finding found = null;
        for (String line : lines) {
            String[] halves = line.split(" - ", 2);
            String[] mount = halves[0].split(" ");
            String[] filesystem = halves.length > 1 ? halves[1].split(" ") : new String[0];
            if (mount.length < 5 || !mount[4].equals("/proc") || filesystem.length < 3 || !filesystem[0].equals("proc")) {
                continue;
            }
            String hidepid = null;
            String gid = null;
            for (String option : filesystem[2].split(",")) {
                if (option.startsWith("hidepid=")) {
                    hidepid = option.substring(8);
                } else if (option.startsWith("gid=")) {
                    gid = option.substring(4);
                }
            }
            // a later line for /proc is mounted over the earlier ones: the last one is in effect
            found = hidepid == null || hidepid.equals("0") || hidepid.equals("off")
                    ? new Finding(true, source + ": /proc mounted without hidepid")
                    : new Finding(false, source + ": /proc mounted with hidepid=" + hidepid
                            + (gid == null ? "" : "; members of group " + gid + " still see every process"));
        }
        return found;
    }
}
