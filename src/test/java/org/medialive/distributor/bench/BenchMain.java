package org.medialive.distributor.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ./distributor bench}: runs the benchmark from the command line (through Maven's
 * exec plugin, on the test class path) and prints report.md. See docs/PERFORMANCE.md.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (java.util.List.of(args).contains("--help") || java.util.List.of(args).contains("-h")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            throw e;
        }
        new Bench(options).run();
        Path out = Path.of(options.out()).toAbsolutePath();
        System.out.println(Files.readString(out.resolve("report.md")));
        System.out.println("Reports: " + out.resolve("report.md") + " and " + out.resolve("report.json"));
    }
}
