package org.medialive.distributor.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.medialive.distributor.store.PrivateFile;
import org.medialive.distributor.store.SharedDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.medialive.distributor.RequestRejectedException.conflict;

/**
 * An access file (users.json, tokens.json) and what it holds now. In cluster mode the shared
 * document is the truth and the file a local copy; a node finding the document absent imports its
 * file once, and the first node to create it wins. A change is made to the newest shared version
 * and retried if another node wrote first, so changes made on two nodes at once both count.
 */
final class AccessFile<T> {

    private static final Logger LOG = LoggerFactory.getLogger(AccessFile.class);
    private static final int ATTEMPTS = 10;

    private final Path file;
    private final Class<T> type;
    private final ObjectMapper json;
    private final UnaryOperator<T> upgrade;
    /** Null in single-node mode. */
    private final SharedDocument shared;
    /** Told the content before and after each change, made here or on another node; called outside the lock. */
    private final List<BiConsumer<T, T>> listeners = new CopyOnWriteArrayList<>();
    private T current;
    private int version = -1;

    AccessFile(Path file, Class<T> type, ObjectMapper json, UnaryOperator<T> upgrade, SharedDocument shared) {
        this.file = file;
        this.type = type;
        this.json = json;
        this.upgrade = upgrade;
        this.shared = shared;
    }

    /**
     * Reads the stored content; if there is none, {@code initial}'s (kept in the file if {@code keepInitial}).
     * @return whether what this node brought (its file, or the initial content) is what holds now
     */
    boolean load(Supplier<T> initial, boolean keepInitial) throws IOException {
        boolean imported;
        synchronized (this) {
            if (shared == null) {
                T local = readLocal();
                current = local == null ? initial.get() : upgrade.apply(local);
                if (local == null ? keepInitial : !current.equals(local)) {
                    writeLocal(current);
                }
                return true;
            }
            SharedDocument.Versioned stored = shared.read();
            imported = stored == null && shared.createIfAbsent(bytes(Optional.ofNullable(readLocal()).map(upgrade).orElseGet(initial)));
            stored = stored == null ? shared.read() : stored;
            current = upgrade.apply(parse(stored.content()));
            version = stored.version();
            writeLocal(current);
        }
        shared.watch(this::changedElsewhere); // outside the lock: the watch's delivery takes it
        return imported;
    }

    private T readLocal() throws IOException {
        return Files.exists(file) ? parse(Files.readAllBytes(file)) : null;
    }

    synchronized T current() {
        return current;
    }

    void onChange(BiConsumer<T, T> listener) {
        listeners.add(listener);
    }

    /** Applies {@code change} (which may refuse it with a RequestRejectedException) and stores the result. */
    T update(UnaryOperator<T> change) {
        T before;
        T after;
        synchronized (this) {
            before = current;
            after = shared == null ? change.apply(current) : updateShared(change);
            current = after;
            writeLocal(after);
        }
        listeners.forEach(listener -> listener.accept(before, after));
        return after;
    }

    private T updateShared(UnaryOperator<T> change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            SharedDocument.Versioned stored = shared.read();
            if (stored == null) {
                throw new IllegalStateException(file.getFileName() + " is missing from ZooKeeper: restart a node to import its copy");
            }
            T after = change.apply(upgrade.apply(parse(stored.content())));
            int written = shared.replace(bytes(after), stored.version());
            if (written >= 0) {
                version = written;
                return after;
            }
        }
        throw conflict("changed on other nodes at the same time " + ATTEMPTS + " times; try again");
    }

    private void changedElsewhere(byte[] content, int changed) {
        T before;
        T after;
        synchronized (this) {
            if (changed <= version) {
                return; // this node's own change already includes it
            }
            try {
                after = upgrade.apply(parse(content));
                writeLocal(after);
            } catch (RuntimeException e) {
                // not the message: a parser's may quote the content, hashes included
                LOG.error("Could not apply version {} of {} from ZooKeeper ({}): kept the previous one", changed, file.getFileName(),
                        e.getClass().getSimpleName());
                return;
            }
            before = current;
            current = after;
            version = changed;
        }
        listeners.forEach(listener -> listener.accept(before, after));
    }

    private T parse(byte[] content) {
        try {
            return json.readValue(content, type);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private byte[] bytes(T content) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeLocal(T content) {
        try {
            PrivateFile.write(file, bytes(content));
        } catch (IOException e) {
            throw new IllegalStateException("could not save " + file + ": " + e.getMessage(), e);
        }
    }
}
