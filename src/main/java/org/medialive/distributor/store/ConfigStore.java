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
import org.springframework.stereotype.Component;

/**
 * Keeps channels and outputs in {@code <data>/distributor.json}. Every change rewrites the
 * whole file through a temporary file and a rename, so a crash leaves the old or the new
 * file, never half of one. The file holds secrets: it is readable by the owner only.
 */
@Component
public class ConfigStore {

    static final String FILE = "distributor.json";
    private static final int VERSION = 1;

    /** The file's layout. */
    record Content(int version, List<ChannelDefinition> channels) {
    }

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .findAndRegisterModules();

    public ConfigStore(DistributorProperties properties) {
        this.file = properties.dataPath().resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /**
     * Reads the stored channels; none if the file does not exist yet.
     * @throws InvalidConfigException naming the file and the problem; the file is left as it is
     */
    public List<ChannelDefinition> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            Content content = json.readValue(file.toFile(), Content.class);
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
            PrivateFile.write(file, content);
            PrivateFile.write(lastGood(), content);
        } catch (IOException e) {
            throw new IllegalStateException("could not save " + file + ": " + e.getMessage(), e);
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

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
