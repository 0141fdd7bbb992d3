package org.medialive.distributor.channel;

import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.RequestRejectedException;
import org.medialive.distributor.output.Destination;
import org.medialive.distributor.output.Destinations;
import org.medialive.distributor.output.Output;
import org.medialive.distributor.output.OutputDefinition;
import org.medialive.distributor.output.OutputFactory;
import org.medialive.distributor.output.OutputView;
import org.springframework.stereotype.Service;

import static org.medialive.distributor.RequestRejectedException.conflict;
import static org.medialive.distributor.RequestRejectedException.invalid;
import static org.medialive.distributor.RequestRejectedException.notFound;

/**
 * Adds, changes, starts, stops and removes the outputs of a channel. Each change touches
 * only the output concerned: its route and process; the ingest and other outputs go on.
 */
@Service
public class OutputService {

    private final ChannelRegistry registry;
    private final OutputFactory outputs;
    private final int limit;

    OutputService(ChannelRegistry registry, OutputFactory outputs, DistributorProperties properties) {
        this.registry = registry;
        this.outputs = outputs;
        this.limit = properties.limits().outputsPerChannel();
    }

    public java.util.List<OutputView> list(String channelId) {
        return registry.get(channelId).outputs().stream().map(Output::view).toList();
    }

    public OutputView view(String channelId, String outputId) {
        return find(registry.get(channelId), outputId).view();
    }

    public OutputView add(String channelId, OutputDefinition request) {
        Channel channel = registry.get(channelId);
        synchronized (channel) { // this channel only: a slow stop here holds up no other channel
            if (channel.outputs().size() >= limit) {
                throw new RequestRejectedException(RequestRejectedException.Reason.LIMIT_REACHED, "a channel may have at most "
                        + limit + " outputs (distributor.limits.outputs-per-channel); remove one or raise the limit");
            }
            String id = request.id() != null ? request.id() : IdGenerator.fromName(request.name(), "output",
                    candidate -> channel.output(candidate) != null);
            OutputDefinition definition = new OutputDefinition(id, request.name(), request.url(), request.enabled(),
                    request.audio()).validated();
            if (channel.output(id) != null) {
                throw conflict("channel '" + channelId + "' already has an output with id '" + id + "'");
            }
            Destination destination = Destinations.parse(definition.url());
            refuseMaskedSecrets(destination);
            checkTrackChoice(destination, definition);
            Output output = outputs.create(channelId, definition, channel.cueSource());
            channel.add(output);
            registry.persist();
            return output.view();
        }
    }

    /** New URL or track: the output's process restarts; new name or enabled flag alone: it does not. */
    public OutputView update(String channelId, String outputId, OutputDefinition request) {
        Channel channel = registry.get(channelId);
        synchronized (channel) { // this channel only: a slow stop here holds up no other channel
            Output current = find(channel, outputId);
            if (request.id() != null && !request.id().equals(outputId)) {
                throw invalid("the id in the body ('" + request.id() + "') differs from the path ('" + outputId + "'); ids cannot be changed");
            }
            Destination destination = KeptSecrets.resolve(request.url(), current.destination());
            refuseMaskedSecrets(destination);
            OutputDefinition changed = new OutputDefinition(outputId, request.name(), destination.processUrl(),
                    request.enabled(), request.audio()).validated();
            checkTrackChoice(destination, changed);
            if (current.sameProcess(changed)) {
                channel.redefine(current, changed, "output disabled");
            } else {
                Output replacement = outputs.create(channelId, changed, channel.cueSource());
                channel.replace(replacement, "output changed");
                current = replacement;
            }
            registry.persist();
            return current.view();
        }
    }

    public void remove(String channelId, String outputId) {
        Channel channel = registry.get(channelId);
        synchronized (channel) { // this channel only: a slow stop here holds up no other channel
            find(channel, outputId);
            channel.remove(outputId, "output removed");
            registry.persist();
        }
    }

    /** Enables (and, if the channel runs, starts) or disables (and stops) an output. */
    public OutputView enable(String channelId, String outputId, boolean enabled) {
        Channel channel = registry.get(channelId);
        synchronized (channel) { // this channel only: a slow stop here holds up no other channel
            Output output = find(channel, outputId);
            channel.redefine(output, output.definition().withEnabled(enabled), "output stopped");
            registry.persist();
            return output.view();
        }
    }

    public OutputView restart(String channelId, String outputId) {
        Output output = find(registry.get(channelId), outputId);
        if (!output.isStarted()) {
            throw conflict("output '" + outputId + "' is not running (disabled or channel stopped); start it instead");
        }
        output.restart();
        return output.view();
    }

    private static Output find(Channel channel, String outputId) {
        Output output = channel.output(outputId);
        if (output == null) {
            throw notFound("channel '" + channel.id() + "' has no output with id '" + outputId + "'");
        }
        return output;
    }

    private static void checkTrackChoice(Destination destination, OutputDefinition definition) {
        if (definition.audio() != null && destination.carriesScte35()) {
            throw invalid("audio selects the track of RTMP outputs only; " + destination.protocol().toUpperCase()
                    + " outputs carry every track unchanged");
        }
    }

    private static void refuseMaskedSecrets(Destination destination) {
        if (destination.secrets().contains("***")) {
            throw invalid("the URL still contains *** in place of a secret: type the passphrase or stream key again");
        }
    }
}
