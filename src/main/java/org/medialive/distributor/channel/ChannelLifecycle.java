package org.medialive.distributor.channel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.medialive.distributor.DistributorProperties;
import org.medialive.distributor.monitoring.EventHandOff;
import org.medialive.distributor.RequestRejectedException;
import org.medialive.distributor.RouteTemplates;
import org.medialive.distributor.output.Destinations;
import org.medialive.distributor.output.OutputDefinition;
import org.medialive.distributor.output.OutputFactory;
import org.medialive.distributor.output.ProcessRegistry;
import org.medialive.distributor.store.ConfigStore;
import org.medialive.distributor.store.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Brings the stored channels back at start-up (after stopping anything a crashed instance
 * left behind) and stops every child process when Camel begins to shut down, before
 * Camel waits for the routes that run them. {@link ChannelTicks} keeps them ticking.
 */
@Component
class ChannelLifecycle extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelLifecycle.class);

    private final ChannelRegistry registry;
    private final ProcessRegistry processes;
    private final OutputFactory outputs;
    private final DistributorProperties properties;
    private final RouteTemplates routes;
    /** Bounded and never blocking: channels publish cues and state changes from the ingest thread. */
    private final EventHandOff events;
    private final List<ChannelDefinition> stored;

    ChannelLifecycle(ChannelRegistry registry, ConfigStore store, ProcessRegistry processes, OutputFactory outputs,
                     DistributorProperties properties, RouteTemplates routes, EventHandOff events,
                     CamelContext camel) {
        this.registry = registry;
        this.processes = processes;
        this.outputs = outputs;
        this.properties = properties;
        this.routes = routes;
        this.events = events;
        this.stored = checked(store.load(), store);
        store.keepAsLastGood();
        camel.getManagementStrategy().addEventNotifier(this);
    }

    @EventListener(ApplicationReadyEvent.class)
    void restore() throws IOException {
        processes.cleanUpAfterEarlierRun();
        // Every channel is listed before any starts: a start takes a while, and the API must not
        // show a partial list meanwhile. A channel gets its outputs before it is listed, and starts
        // outside the registry's lock (which is never held around a channel's own lock).
        List<Channel> toStart = new ArrayList<>();
        synchronized (registry.lock()) {
            for (ChannelDefinition definition : stored) {
                Channel channel = new Channel(definition.with(definition.input(), definition.name(), false, List.of()),
                        properties, routes, events);
                for (OutputDefinition output : definition.outputs()) {
                    channel.add(outputs.create(definition.id(), output, channel.cueSource()));
                }
                registry.put(channel);
                if (definition.started()) {
                    toStart.add(channel);
                }
            }
        }
        for (Channel channel : toStart) {
            try {
                channel.start();
            } catch (RequestRejectedException deletedMeanwhile) {
                LOG.info("Channel {} was deleted before it started", channel.id());
            }
        }
        LOG.info("Restored {} channel(s) from {}", stored.size(), properties.dataPath());
        registry.placement().restored();
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        LOG.info("Shutting down: stopping every output process");
        for (Channel channel : registry.all()) {
            channel.stop("server shutting down", false);
        }
    }

    /** Checks a hand-editable file as strictly as the API checks requests. */
    private static List<ChannelDefinition> checked(List<ChannelDefinition> channels, ConfigStore store) {
        Set<String> ids = new HashSet<>();
        List<InputPorts.Socket> sockets = new ArrayList<>();
        try {
            for (ChannelDefinition channel : channels) {
                ChannelDefinition valid = channel.validated();
                List<InputPorts.Socket> taken = InputPorts.of(valid).stream().flatMap(input -> InputPorts.taken(input).stream()).toList();
                if (!ids.add(valid.id()) || taken.stream().anyMatch(socket -> sockets.stream().anyMatch(socket::clashes))) {
                    throw RequestRejectedException.invalid("channel '" + valid.id() + "' repeats an id or input port");
                }
                sockets.addAll(taken);
                Set<String> outputIds = new HashSet<>();
                for (OutputDefinition output : channel.outputs()) {
                    output.validated();
                    Destinations.parse(output.url());
                    if (!outputIds.add(output.id())) {
                        throw RequestRejectedException.invalid("channel '" + valid.id() + "' has two outputs with id '" + output.id() + "'");
                    }
                }
            }
        } catch (RequestRejectedException e) {
            throw new InvalidConfigException(store.file(), e.getMessage());
        }
        return channels.stream().map(ChannelDefinition::validated).toList();
    }
}
