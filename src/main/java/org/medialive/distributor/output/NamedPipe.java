package org.medialive.distributor.output;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A FIFO on disk. Java has no mkfifo, so the coreutils command makes it. */
final class NamedPipe {

    /**
     * Java opens files blocking only; the JDK's own switch for sockets sets O_NONBLOCK on any
     * descriptor. Reaching it needs {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}, which
     * the jar's manifest gives {@code java -jar} (pom.xml) and the test plugins give the tests.
     */
    private static final MethodHandle CONFIGURE_BLOCKING = configureBlocking();

    private NamedPipe() {
    }

    /**
     * Opens the FIFO read-write and non-blocking: on Linux a read-write open never waits for a
     * reader, the reader never sees end-of-file while we hold it open (even between restarts of
     * the process), and a write to a full pipe returns 0 instead of waiting, so one process that
     * stops reading cannot hold up the thread that writes all the FIFOs.
     */
    static FileChannel openForWriting(Path path) throws IOException {
        RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
        try {
            CONFIGURE_BLOCKING.invokeExact(file.getFD(), false);
        } catch (IOException | RuntimeException | Error e) {
            file.close();
            throw e;
        } catch (Throwable e) {
            file.close();
            throw new IOException("cannot make " + path + " non-blocking: " + e, e);
        }
        return file.getChannel();
    }

    /** Makes a fresh FIFO at {@code path}, replacing whatever was there, readable by the owner only. */
    static void create(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Files.deleteIfExists(path);
        Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", path.toString())
                .redirectErrorStream(true).start();
        try {
            if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                throw new IOException("mkfifo failed for " + path + ": "
                        + new String(mkfifo.getInputStream().readAllBytes()).trim());
            }
        } catch (InterruptedException e) {
            mkfifo.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating " + path, e);
        }
    }

    static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a FIFO left behind is removed at the next start (run directory clean-up)
        }
    }

    /** Fails (at start-up, when called then) if the JVM was started without the add-opens above. */
    static void requireNonBlockingWrites() {
        // loading the class resolved CONFIGURE_BLOCKING or failed
    }

    private static MethodHandle configureBlocking() {
        try {
            Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil");
            return MethodHandles.privateLookupIn(ioUtil, MethodHandles.lookup()).findStatic(ioUtil,
                    "configureBlocking", MethodType.methodType(void.class, FileDescriptor.class, boolean.class));
        } catch (ReflectiveOperationException | IllegalAccessError | SecurityException e) {
            throw new IllegalStateException("Output FIFOs need non-blocking writes: start Java with "
                    + "--add-opens java.base/sun.nio.ch=ALL-UNNAMED (java -jar gets it from the jar's manifest)", e);
        }
    }
}
