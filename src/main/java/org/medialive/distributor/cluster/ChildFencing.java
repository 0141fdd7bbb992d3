package org.medialive.distributor.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.output.ChildGuard;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The lease fences this JVM, not its children: a relay keeps running while its JVM is dead
 * (SIGKILL: it is orphaned) or stopped (SIGSTOP), holding an SRT listener that serves one caller
 * at a time, or ready to send again on SIGCONT. So in cluster mode every child runs under
 * child-guard.sh, which ends it within 0.1 s of its JVM dying or stopping.
 */
@Component
@Conditional(ClusterMode.class)
class ChildFencing {

    ChildFencing(DistributorProperties properties) throws IOException {
        Path script = properties.dataPath().resolve("child-guard.sh");
        try (InputStream in = ChildFencing.class.getResourceAsStream("child-guard.sh")) {
            Files.createDirectories(script.getParent());
            Files.write(script, in.readAllBytes());
        }
        // run by sh: no exec permission needed, so a noexec data directory does not matter
        ChildGuard.install(List.of("sh", script.toAbsolutePath().toString(), Long.toString(ProcessHandle.current().pid())));
    }
}
