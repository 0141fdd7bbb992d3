package org.medialive.distributor.cluster;

import java.util.List;
import java.util.Map;

import static org.medialive.distributor.RequestRejectedException.conflict;
import static org.medialive.distributor.RequestRejectedException.invalid;

/** The checks of PUT /api/channels/{id}/nodes: node ids, and inputs given to listed nodes of a channel that has two. */
final class NodeInputs {

    private static final String NODE_ID = "[A-Za-z0-9._-]{1,64}";

    private NodeInputs() {
    }

    static void check(List<String> nodes, Map<String, String> inputs, boolean hasBackupInput) {
        if (nodes.stream().anyMatch(node -> node == null || !node.matches(NODE_ID))) {
            throw invalid("nodes must be node ids (letters, digits, '.', '_', '-'), e.g. {\"nodes\": [\"node-1\", \"node-2\"]}");
        }
        if (nodes.stream().distinct().count() != nodes.size()) {
            throw invalid("nodes lists a node twice: " + nodes);
        }
        for (Map.Entry<String, String> entry : inputs.entrySet()) {
            if (!nodes.contains(entry.getKey())) {
                throw invalid("inputs names node '" + shortened(entry.getKey()) + "', which is not in nodes " + nodes
                        + "; list every node that receives an input, e.g. {\"nodes\": [\"node1\", \"node2\"], \"inputs\": {\"node1\": \"primary\", \"node2\": \"backup\"}}");
            }
            if (!"primary".equals(entry.getValue()) && !"backup".equals(entry.getValue())) {
                throw invalid("the input of node '" + entry.getKey() + "' must be \"primary\" or \"backup\"");
            }
        }
        if (!inputs.isEmpty() && !hasBackupInput) {
            throw conflict("the channel has one input: every node receives it; add a backupInput (PUT /api/channels/{id}) before giving nodes one input each");
        }
    }

    static String shortened(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
