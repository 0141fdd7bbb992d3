package org.medialive.distributor.control;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.medialive.distributor.channel.ChannelService;
import org.medialive.distributor.security.Caller;
import org.springframework.stereotype.Component;

/** What the channel REST routes in routes/rest-api.camel.yaml call; JSON in, JSON out. */
@Component("channelApi")
public class ChannelApi {

    private final ChannelService channels;
    private final ApiJson json;

    ChannelApi(ChannelService channels, ApiJson json) {
        this.channels = channels;
        this.json = json;
    }

    public String list() {
        return json.write(channels.list());
    }

    public String get(@Header("id") String id) {
        return json.write(channels.view(id));
    }

    /** The channel's figures now: input counters and analysis, every output's statistics. */
    public String stats(@Header("id") String id) {
        return json.write(channels.view(id));
    }

    /** The channel's SCTE-35 cue log: the last 100 cues, oldest first. */
    public String cues(@Header("id") String id) {
        return json.write(channels.cues(id));
    }

    public String create(@Body String body, Exchange exchange) {
        ChannelRequest request = json.read(body, ChannelRequest.class);
        String created = json.write(channels.create(request.toDefinition()));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        return created;
    }

    public String update(@Header("id") String id, @Body String body) {
        ChannelRequest request = json.read(body, ChannelRequest.class);
        return json.write(channels.update(id, request.toDefinition()));
    }

    public String delete(@Header("id") String id, Exchange exchange) {
        channels.delete(id);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        return null;
    }

    public String start(@Header("id") String id) {
        return json.write(channels.start(id));
    }

    public String stop(@Header("id") String id) {
        return json.write(channels.stop(id));
    }

    /** Body {"to":"primary"|"backup"}: the outputs continue from that input, between two datagrams. */
    public String switchInput(@Header("id") String id, @Body String body, Exchange exchange) {
        InputSwitchRequest request = json.read(body, InputSwitchRequest.class);
        Caller caller = exchange.getProperty(Caller.PROPERTY, Caller.class);
        return json.write(channels.switchInput(id, request.to(), caller == null ? null : caller.user()));
    }
}
