package org.medialive.distributor.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.channel.ChannelDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Keeps channels and outputs in {@code <data>/distributor.json}. Every change rewrites the
 * whole file through a temporary file and a rename, so a crash leaves the old or the new
 * file, never half of one. The file holds secrets: it is readable by the owner only.
 * In cluster mode the {@link SharedConfig} (ZooKeeper) is the truth and the file a local copy.
 */
@Component
public class ConfigStore {

    static final String FILE = "distributor.json";
    private static final int VERSION = 1;

    /** The file's layout. */
    record Content(int version, List<ChannelDefinition> channels) {
    }

    private final Path file;
    /** Null in single-node mode. */
    private final SharedConfig shared;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .findAndRegisterModules();

    public ConfigStore(DistributorProperties properties, ObjectProvider<SharedConfig> shared) {
        this.file = properties.dataPath().resolve(FILE);
        this.shared = shared.getIfAvailable();
    }

    public Path file() {
        return file;
    }

    /**
     * Reads the stored channels; none if the file does not exist yet.
     * @throws InvalidConfigException naming the file and the problem; the file is left as it is
     */
    public List<ChannelDefinition> load() {
        if (shared != null) {
            return parse(sharedContent());
        }
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidConfigException(file, "it cannot be read: " + e.getMessage());
        }
    }

    /** Reads the file's layout from {@code bytes} (the file or the shared copy), checked like the file. */
    public List<ChannelDefinition> parse(byte[] bytes) {
        try {
            Content content = json.readValue(bytes, Content.class);
            if (content == null || content.channels() == null) {
                throw new InvalidConfigException(file, "it has no \"channels\" list");
            }
            if (content.version() != VERSION) {
                throw new InvalidConfigException(file, "it has version " + content.version() + ", this server reads version " + VERSION);
            }
            return content.channels();
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(file, e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw new InvalidConfigException(file, "it cannot be read: " + e.getMessage());
        }
    }

    /** Replaces the file with {@code channels}, atomically, and keeps the result as the last good version. */
    public synchronized void save(List<ChannelDefinition> channels) {
        try {
            byte[] content = json.writeValueAsBytes(new Content(VERSION, channels));
            if (shared != null) {
                // first: a change that cannot be shared is refused, not kept locally
                content = shared.write(content, this::merge);
            }
            PrivateFile.write(file, content);
            PrivateFile.write(lastGood(), content);
        } catch (IOException e) {
            throw new IllegalStateException("could not save " + file + ": " + e.getMessage(), e);
        }
    }

    private byte[] merge(byte[] base, byte[] mine, byte[] theirs) {
        try {
            return json.writeValueAsBytes(new Content(VERSION, ConfigMerge.merge(parse(base), parse(mine), parse(theirs))));
        } catch (IOException e) {
            throw new IllegalStateException("could not merge the configuration: " + e.getMessage(), e);
        }
    }

    /** Called once the loaded file has passed every check: it becomes the last good version. */
    public void keepAsLastGood() {
        try {
            if (Files.exists(file)) {
                PrivateFile.write(lastGood(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not copy " + file + " to " + lastGood() + ": " + e.getMessage(), e);
        }
    }

    /** Beside the data file: the last version this server read or wrote successfully. */
    public Path lastGood() {
        return file.resolveSibling(FILE + ".last-good");
    }

    /**
     * The shared content; a node starting against an empty ZooKeeper imports its data file
     * (or an empty list) once: whichever node creates it first wins, the others read it.
     */
    private byte[] sharedContent() {
        byte[] content = shared.read();
        if (content == null) {
            try {
                byte[] local = Files.exists(file) ? Files.readAllBytes(file) : json.writeValueAsBytes(new Content(VERSION, List.of()));
                parse(local); // a broken file is refused here, before it can reach the other nodes
                shared.createIfAbsent(local);
            } catch (IOException e) {
                throw new InvalidConfigException(file, "it cannot be read: " + e.getMessage());
            }
            content = shared.read();
        }
        return content;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
