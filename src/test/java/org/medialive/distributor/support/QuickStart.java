package org.medialive.distributor.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How the test servers start in less CPU: the suite starts the packaged server some sixty times
 * on a two-core machine, and a start is mostly class loading and JIT compilation. Two JVM
 * features cut it without changing the application: a class-data-sharing archive (Spring Boot's
 * extracted layout, trained once per test run with {@code spring.context.exit=onRefresh}) and
 * the C1 compiler only ({@code TieredStopAtLevel=1}: a test stream of a few Mbit/s never needs
 * C2's code). The benchmark does not use this ({@link DistributorServer#asOperatorsRunIt}).
 * When the archive cannot be made the servers start from the jar as usual, with the reason on
 * stderr: slower, never wrong.
 */
final class QuickStart {

    private static final Path DIR = Path.of("target", "cds");
    private static Path extractedJar;
    private static Path archive;
    private static boolean tried;

    private QuickStart() {
    }

    /** The JVM options and the jar to start {@code jar} quickly. */
    static synchronized List<String> command(String jar) {
        if (!tried) {
            tried = true;
            prepare(Path.of(jar));
        }
        List<String> command = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));
        if (archive != null) {
            command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                    "-jar", extractedJar.toString()));
        } else {
            command.addAll(List.of("-jar", jar));
        }
        return command;
    }

    private static void prepare(Path jar) {
        Path app = DIR.resolve("app").resolve(jar.getFileName());
        Path trained = DIR.resolve("app.jsa");
        try {
            if (!Files.exists(trained) || Files.getLastModifiedTime(trained).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                Directories.deleteRecursively(DIR);
                Files.createDirectories(DIR);
                run(DIR.resolve("extract.log"), java(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
                        "--destination", DIR.resolve("app").toString());
                Path data = Files.createTempDirectory("cds-training");
                run(DIR.resolve("training.log"), java(), "-XX:ArchiveClassesAtExit=" + trained, "-Dspring.context.exit=onRefresh",
                        "-jar", app.toString(), "--server.port=0", "--distributor.data-dir=" + data);
                Directories.deleteRecursively(data);
            }
            if (Files.exists(app) && Files.exists(trained)) {
                extractedJar = app;
                archive = trained;
            } else {
                System.err.println("QuickStart: no class-data archive was written (see " + DIR + "); servers start from " + jar);
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("QuickStart: no class-data archive (" + e + "); servers start from " + jar);
        }
    }

    private static void run(Path log, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DISTRIBUTOR_ADMIN_PASSWORD", DistributorServer.ADMIN_PASSWORD);
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end within 180 s");
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
