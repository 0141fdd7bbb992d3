package org.medialive.distributor.control;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.medialive.distributor.channel.OutputService;
import org.springframework.stereotype.Component;

/** What the output REST routes in routes/rest-api.camel.yaml call; JSON in, JSON out. */
@Component("outputApi")
public class OutputApi {

    private final OutputService outputs;
    private final ApiJson json;

    OutputApi(OutputService outputs, ApiJson json) {
        this.outputs = outputs;
        this.json = json;
    }

    public String list(@Header("id") String channelId) {
        return json.write(outputs.list(channelId));
    }

    public String get(@Header("id") String channelId, @Header("oid") String outputId) {
        return json.write(outputs.view(channelId, outputId));
    }

    public String create(@Header("id") String channelId, @Body String body, Exchange exchange) {
        OutputRequest request = json.read(body, OutputRequest.class);
        String created = json.write(outputs.add(channelId, request.toDefinition(true)));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        return created;
    }

    public String update(@Header("id") String channelId, @Header("oid") String outputId, @Body String body) {
        OutputRequest request = json.read(body, OutputRequest.class);
        boolean enabledNow = outputs.view(channelId, outputId).enabled();
        return json.write(outputs.update(channelId, outputId, request.toDefinition(enabledNow)));
    }

    public String delete(@Header("id") String channelId, @Header("oid") String outputId, Exchange exchange) {
        outputs.remove(channelId, outputId);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        return null;
    }

    public String start(@Header("id") String channelId, @Header("oid") String outputId) {
        return json.write(outputs.enable(channelId, outputId, true));
    }

    public String stop(@Header("id") String channelId, @Header("oid") String outputId) {
        return json.write(outputs.enable(channelId, outputId, false));
    }

    public String restart(@Header("id") String channelId, @Header("oid") String outputId) {
        return json.write(outputs.restart(channelId, outputId));
    }
}
