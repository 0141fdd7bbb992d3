package org.medialive.distributor.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** What can be checked of the packaging without a Docker engine or a systemd boot. */
class PackagingTest {

    private static final List<Path> INSTALLERS = List.of(Path.of("distributor"), Path.of("Dockerfile"), Path.of("packaging/install.sh"));

    @TempDir
    Path work;

    static List<String> runtimePackages() throws IOException {
        return Files.readAllLines(Path.of("packaging/packages-runtime.txt")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    @Test
    void everyInstallerReadsTheOnePackageListAndNamesNoPackageItself() throws IOException {
        assertThat(runtimePackages()).contains("srt-tools", "ffmpeg", "openjdk-17-jre-headless");
        for (Path installer : INSTALLERS) {
            String text = Files.readString(installer);
            assertThat(text).as(installer + " reads the list").contains("packages-runtime.txt");
            // installing lines only: the packages' commands (curl, ffmpeg...) may of course be used
            for (String line : text.lines().filter(l -> !l.strip().startsWith("#") && l.contains("apt-get")).toList()) {
                for (String pkg : runtimePackages()) {
                    assertThat(line.split("[^A-Za-z0-9.+-]+")).as(installer + " names " + pkg + " itself: " + line).doesNotContain(pkg);
                }
            }
        }
    }

    @Test
    void theEntrypointRunsTheJarWithTheDataDirectoryAndThePassedArguments() throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path fakeJava = bin.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectories(work.resolve("data"));
        Result ok = run(List.of("packaging/docker-entrypoint.sh", "--server.port=9000"), bin, data, "-Xmx300m");
        assertThat(ok.exit()).isZero();
        assertThat(ok.output().strip()).isEqualTo("-Xmx300m -jar /opt/medialive-distributor/medialive-distributor.jar --distributor.data-dir="
                + data + " --server.port=9000");
        Result refused = run(List.of("packaging/docker-entrypoint.sh"), bin, work.resolve("missing"), "");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.output()).contains("is not writable");
    }

    @Test
    void theSystemdUnitVerifiesAndTakesItsChildrenDownWithIt() throws Exception {
        String unit = Files.readString(Path.of("packaging/systemd/medialive-distributor.service"));
        assertThat(unit).contains("KillMode=mixed").contains("StandardOutput=journal").contains("User=medialive");
        Process verify = new ProcessBuilder("systemd-analyze", "verify", "packaging/systemd/medialive-distributor.service")
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(output).as("systemd-analyze warnings").doesNotContain("medialive-distributor.service:");
    }

    @Test
    void theShellScriptsParse() throws Exception {
        for (String script : List.of("distributor", "packaging/install.sh", ".ci/run")) {
            Process check = new ProcessBuilder("bash", "-n", script).redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            check.waitFor(30, TimeUnit.SECONDS);
            assertThat(check.exitValue()).as(script + ": " + output).isZero();
        }
    }

    record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Path bin, Path data, String javaOpts) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("DISTRIBUTOR_DATA_DIR", data.toString());
        builder.environment().put("JAVA_OPTS", javaOpts);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return new Result(process.exitValue(), output);
    }
}
