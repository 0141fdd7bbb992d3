package org.medialive.distributor.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.medialive.distributor.channel.SharedChannels;
import org.medialive.distributor.control.ApiJson;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import static org.medialive.distributor.RequestRejectedException.conflict;
import static org.medialive.distributor.RequestRejectedException.invalid;
import static org.medialive.distributor.RequestRejectedException.notFound;

/**
 * What the cluster REST routes in routes/rest-api.camel.yaml call: GET /api/cluster (who is alive,
 * who owns what), POST /api/channels/{id}/owner (move a channel) and PUT /api/channels/{id}/nodes
 * (where it may run, and which input each node receives). They answer in single-node mode too:
 * the state of one node, and 409 for changes.
 */
@Component("clusterApi")
public class ClusterApi {

    private static final String SINGLE_NODE = "this server runs in single-node mode (distributor.cluster.zookeeper is not set): every channel runs here";

    /** Body of a move: the node that should own the channel. */
    record MoveRequest(String node) {
    }

    /**
     * Body of PUT /api/channels/{id}/nodes: the nodes that may own the channel (empty or null: any), and
     * the one input some of them receive ({"node1": "primary", "node2": "backup"}; others receive both).
     */
    record AllowedNodes(List<String> nodes, Map<String, String> inputs) {
    }

    private final ObjectProvider<ChannelElections> elections;
    private final ObjectProvider<Preferences> moves;
    private final ObjectProvider<Eligibility> eligibility;
    private final SharedChannels channels;
    private final ApiJson json;

    ClusterApi(ObjectProvider<ChannelElections> elections, ObjectProvider<Preferences> moves,
               ObjectProvider<Eligibility> eligibility, SharedChannels channels, ApiJson json) {
        this.elections = elections;
        this.moves = moves;
        this.eligibility = eligibility;
        this.channels = channels;
        this.json = json;
    }

    public String cluster() throws Exception {
        return json.write(state());
    }

    /** GET /api/cluster's answer; also pushed to dashboards ({@link ClusterFeed}). */
    Map<String, Object> state() throws Exception {
        ChannelElections cluster = elections.getIfAvailable();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("mode", cluster == null ? "single-node" : "cluster");
        answer.put("node", cluster == null ? null : cluster.elections().node());
        answer.put("nodes", cluster == null ? List.of() : cluster.elections().nodes());
        answer.put("leaseValid", cluster == null || cluster.leaseValid());
        List<Map<String, Object>> list = new ArrayList<>();
        channels.held().forEach((id, heldHere) -> {
            Map<String, Object> channel = new LinkedHashMap<>();
            channel.put("id", id);
            channel.put("owner", cluster == null ? null : cluster.elections().owner(id).orElse(null));
            channel.put("ownedHere", heldHere);
            // the nodes in its election, as a node that takes part sees them ([] on a node not allowed)
            channel.put("candidates", cluster == null ? List.of() : cluster.elections().candidates(id));
            channel.put("allowedNodes", cluster == null ? List.of() : eligibility.getObject().allowed(id));
            channel.put("inputs", cluster == null ? Map.of() : eligibility.getObject().inputs(id));
            list.add(channel);
        });
        answer.put("channels", list);
        return answer;
    }

    public String move(@Header("id") String id, @Body String body, Exchange exchange) throws Exception {
        MoveRequest request = json.read(body, MoveRequest.class);
        known(id);
        if (request.node() == null || request.node().isBlank()) {
            throw invalid("node is required, e.g. {\"node\": \"node-2\"}; GET /api/cluster lists the nodes");
        }
        ChannelElections cluster = clusterOnly();
        if (!cluster.elections().candidates(id).contains(request.node())) {
            throw conflict("node '" + NodeInputs.shortened(request.node()) + "' is not in channel '" + id + "''s election now (alive nodes: "
                    + cluster.elections().nodes() + ")");
        }
        moves.getObject().request(id, request.node());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        return json.write(Map.of("id", id, "movingTo", request.node(),
                "note", "the current owner stops the channel and " + request.node() + " starts it; GET /api/cluster shows when"));
    }

    /** Which nodes may own the channel (e.g. where its input arrives), and which input each receives. */
    public String nodes(@Header("id") String id, @Body String body) throws Exception {
        AllowedNodes request = json.read(body, AllowedNodes.class);
        known(id);
        List<String> nodes = request.nodes() == null ? List.of() : request.nodes();
        Map<String, String> inputs = request.inputs() == null ? Map.of() : request.inputs();
        NodeInputs.check(nodes, inputs, channels.hasBackupInput(id));
        clusterOnly();
        eligibility.getObject().set(id, nodes, inputs);
        return json.write(Map.of("id", id, "nodes", nodes, "inputs", inputs));
    }

    private void known(String id) {
        if (!channels.held().containsKey(id)) {
            throw notFound("no channel with id '" + NodeInputs.shortened(id) + "'; GET /api/channels lists them");
        }
    }

    private ChannelElections clusterOnly() {
        ChannelElections cluster = elections.getIfAvailable();
        if (cluster == null) {
            throw conflict(SINGLE_NODE);
        }
        return cluster;
    }
}
