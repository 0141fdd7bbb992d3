package org.medialive.distributor.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessVisibilityTest {

    @TempDir
    Path work;

    /** The mountinfo line the kernel itself writes for a /proc mounted with {@code options}, in a mount namespace of its own. */
    private static List<String> realMountTable(String options) throws Exception {
        Process unshare = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount -t proc -o " + options + " proc /proc && cat /proc/self/mountinfo").redirectErrorStream(true).start();
        String output = new String(unshare.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(unshare.waitFor()).as(output).isZero();
        return output.lines().toList();
    }

    @Test
    void hidepidFromTheKernelsOwnMountTableHidesCommandLines() throws Exception {
        ProcessVisibility.Finding invisible = ProcessVisibility.fromMountTable("t", realMountTable("hidepid=invisible,gid=4"));
        assertThat(invisible.exposed()).isFalse();
        assertThat(invisible.evidence()).contains("hidepid=invisible").contains("group 4");
        assertThat(ProcessVisibility.fromMountTable("t", realMountTable("hidepid=noaccess")).exposed()).isFalse();
        assertThat(ProcessVisibility.fromMountTable("t", realMountTable("hidepid=0")).exposed()).isTrue();
    }

    @Test
    void theMountTableLinesAreRead() {
        assertThat(ProcessVisibility.fromMountTable("t", List.of("22 27 0:21 / /proc rw,relatime - proc proc rw")).exposed()).isTrue();
        assertThat(ProcessVisibility.fromMountTable("t", List.of("22 27 0:21 / /proc rw - proc proc rw,hidepid=2")).exposed()).isFalse();
        assertThat(ProcessVisibility.fromMountTable("t", List.of("30 27 0:30 / /sys rw - sysfs sysfs rw"))).isNull();
        assertThat(ProcessVisibility.fromMountTable("t", List.of("40 27 0:40 / /proc/sys/fs/binfmt_misc rw - proc x rw"))).isNull();
    }

    @Test
    void initsTableComesFirstAndAnUnreadableOneIsAWarning() throws Exception {
        Path init = Files.writeString(work.resolve("init"), "22 27 0:21 / /proc rw - proc proc rw\n");
        Path self = Files.writeString(work.resolve("self"), "63 45 0:39 / /proc rw - proc proc rw,hidepid=invisible\n");
        assertThat(new ProcessVisibility(List.of(init, self)).finding().exposed())
                .as("a service's private hidepid /proc says nothing of what users see").isTrue();
        assertThat(new ProcessVisibility(List.of(work.resolve("missing"), self)).finding().exposed()).isFalse();
        ProcessVisibility.Finding unknown = new ProcessVisibility(List.of(work.resolve("missing"))).finding();
        assertThat(unknown.exposed()).isTrue();
        assertThat(unknown.evidence()).contains("could not be read");
    }
}
