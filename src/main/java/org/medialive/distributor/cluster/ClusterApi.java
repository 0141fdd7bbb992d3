package org.medialive.distributor.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medialive.distributor.RequestRejectedException;
import org.medialive.distributor.channel.SharedChannels;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/cluster (who is alive, who owns what), POST /api/channels/{id}/owner (move a
 * channel) and PUT /api/channels/{id}/nodes (where it may run). Spring MVC, not the REST DSL:
 * they answer in single-node mode too (409 for changes), and docs/openapi.json does not list them
 * yet (docs/CLUSTER.md). Roles: GET needs a viewer, POST and PUT an operator (SecurityConfig's
 * rules for /api/**).
 */
@RestController
class ClusterApi {

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

    ClusterApi(ObjectProvider<ChannelElections> elections, ObjectProvider<Preferences> moves,
               ObjectProvider<Eligibility> eligibility, SharedChannels channels) {
        this.elections = elections;
        this.moves = moves;
        this.eligibility = eligibility;
        this.channels = channels;
    }

    @GetMapping(path = "/api/cluster", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> cluster() throws Exception {
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

    @PostMapping(path = "/api/channels/{id}/owner", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> move(@PathVariable("id") String id, @RequestBody MoveRequest request) throws Exception {
        ChannelElections cluster = elections.getIfAvailable();
        if (cluster == null) {
            return error(409, "this server runs in single-node mode (distributor.cluster.zookeeper is not set): every channel runs here");
        }
        if (!channels.held().containsKey(id)) {
            return error(404, "no channel with id '" + id + "'; GET /api/channels lists them");
        }
        if (request == null || request.node() == null || request.node().isBlank()) {
            return error(400, "node is required, e.g. {\"node\": \"node-2\"}; GET /api/cluster lists the nodes");
        }
        if (!cluster.elections().candidates(id).contains(request.node())) {
            return error(409, "node '" + request.node() + "' is not in channel '" + id + "''s election now (alive nodes: " + cluster.elections().nodes() + ")");
        }
        moves.getObject().request(id, request.node());
        return ResponseEntity.accepted().body(Map.of("id", id, "movingTo", request.node(),
                "note", "the current owner stops the channel and " + request.node() + " starts it; GET /api/cluster shows when"));
    }

    /** Which nodes may own the channel (e.g. where its input arrives); the others leave its election. */
    @PutMapping(path = "/api/channels/{id}/nodes", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> allow(@PathVariable("id") String id, @RequestBody AllowedNodes request) throws Exception {
        if (elections.getIfAvailable() == null) {
            return error(409, "this server runs in single-node mode (distributor.cluster.zookeeper is not set): every channel runs here");
        }
        if (!channels.held().containsKey(id)) {
            return error(404, "no channel with id '" + id + "'; GET /api/channels lists them");
        }
        List<String> nodes = request == null || request.nodes() == null ? List.of() : request.nodes();
        Map<String, String> inputs = request == null || request.inputs() == null ? Map.of() : request.inputs();
        try {
            NodeInputs.check(nodes, inputs, channels.hasBackupInput(id));
        } catch (RequestRejectedException e) {
            return error(e.reason() == RequestRejectedException.Reason.CONFLICT ? 409 : 400, e.getMessage());
        }
        eligibility.getObject().set(id, nodes, inputs);
        return ResponseEntity.ok(Map.of("id", id, "allowedNodes", nodes, "inputs", inputs));
    }

    private static ResponseEntity<Map<String, Object>> error(int status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
