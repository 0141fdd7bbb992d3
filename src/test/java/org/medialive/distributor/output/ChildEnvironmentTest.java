package org.medialive.distributor.output;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Output processes get PATH, locale, HOME, TZ and our marker; never the server's password or other settings. */
class ChildEnvironmentTest {

    @TempDir
    Path work;

    @Test
    void onlyHarmlessVariablesAreKept() {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin", "LANG", "C.UTF-8", "LC_ALL", "C", "HOME", "/var/lib/x",
                "TZ", "UTC", "DISTRIBUTOR_ADMIN_PASSWORD", "hunter2-hunter2", "JAVA_OPTS", "-Xmx1g",
                "AWS_SECRET_ACCESS_KEY", "abc", "SERVER_PORT", "8000"));
        ChildProcess.keepOnlyHarmlessVariables(env, "/data");
        assertThat(env).containsOnlyKeys("PATH", "LANG", "LC_ALL", "HOME", "TZ", ChildProcess.OWNER_VARIABLE)
                .containsEntry(ChildProcess.OWNER_VARIABLE, "/data");
    }

    @Test
    void aRealChildSeesNothingElse() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        ChildProcess child = ChildProcess.start(List.of("env"), work, new File("/dev/null"), "/owner-marker", lines::add, line -> { });
        assertThat(child.waitFor()).isZero();
        List<String> names = lines.stream().map(line -> line.substring(0, line.indexOf('='))).toList();
        assertThat(names).contains("PATH", ChildProcess.OWNER_VARIABLE)
                .allMatch(name -> List.of("PATH", "LANG", "HOME", "TZ", ChildProcess.OWNER_VARIABLE).contains(name)
                        || name.startsWith("LC_"));
        assertThat(lines).contains(ChildProcess.OWNER_VARIABLE + "=/owner-marker");
    }
}
