package org.medialive.distributor.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.TestStream;
import org.medialive.distributor.demo.RtpPacer;
import java.io.FileInputStream;
import java.net.InetSocketAddress;

import static org.awaitility.Awaitility.await;

/**
 * Calls every operation of the served OpenAPI document the ways that make it answer each status:
 * without login (401), as a viewer (403 where an operator or admin is needed, and never 403 where a
 * viewer suffices), as an operator (403 exactly where an admin is needed), with ids that do not
 * exist (404), a wrong body (400), an oversized body (413), and the real successes, conflicts
 * (409) and limits (422). Then it compares, per operation, what was answered with what is documented.
 */
final class DocumentedStatuses {

    static final int CHANNEL_LIMIT = 4;
    static final int OUTPUT_LIMIT = 2;

    private final DocumentedOperations operations;
    private final List<String> roleMistakes = new ArrayList<>();
    private final Api admin;
    private final Api nobody;
    private final String baseUrl;
    private Api viewer;
    private Api operator;

    DocumentedStatuses(JsonNode document, DistributorServer server) {
        this.admin = server.api();
        this.nobody = server.anonymous();
        this.baseUrl = server.baseUrl();
        this.operations = new DocumentedOperations(document, server.baseUrl());
    }

    void probe() {
        String viewerToken = call("api-create-token", admin, Map.of(), "{\"name\":\"probe-viewer\",\"role\":\"viewer\"}").json().path("token").asText();
        viewer = nobody.withToken(viewerToken);
        operator = nobody.withToken(call("api-create-token", admin, Map.of(), "{\"name\":\"probe-operator\",\"role\":\"operator\"}").json().path("token").asText());
        int fixturePort = Ports.freeUdp();
        call("api-create-channel", admin, Map.of(), channel("fixture", fixturePort));
        call("api-create-output", admin, Map.of("id", "fixture"), output("out"));
        Map<String, String> fixture = Map.of("id", "fixture", "oid", "out", "name", "admin", "tid", "none");
        Map<String, String> absent = Map.of("id", "nope", "oid", "nope", "name", "nope", "tid", "nope");
        for (DocumentedOperations.Operation operation : operations.all()) {
            String validBody = validBody(operation);
            call(operation.id(), nobody, fixture, validBody);
            Api.Response asViewer = call(operation.id(), viewer, "GET".equals(operation.method()) ? fixture : absent, validBody);
            // every role above viewer (operator, and any added later) is refused to a viewer with 403
            if ("viewer".equals(operation.role()) == (asViewer.status() == 403)) {
                roleMistakes.add(operation.id() + " is documented for role '" + operation.role() + "' but a viewer got " + asViewer.status());
            }
            checkOperatorRole(operation, fixture, absent);
            if (operation.path().contains("{")) {
                call(operation.id(), admin, absent, validBody);
            }
            if (operation.hasBody()) {
                call(operation.id(), admin, fixture, "{\"noSuchField\":1}");
                call(operation.id(), admin, fixture, "{\"name\":\"" + "x".repeat(70_000) + "\"}");
            }
            if ("GET".equals(operation.method())) {
                call(operation.id(), admin, fixture, null);
            }
        }
        probeSingleNodeCluster(fixture);
        probeChannelsAndOutputs(fixturePort);
        probeUsersAndTokens();
        probeThumbnail();
        probeInputSwitch();
    }

    /** A single-node server refuses moves and node lists with 409; their successes are ClusterIT's. */
    private void probeSingleNodeCluster(Map<String, String> fixture) {
        call("api-move-channel", admin, fixture, "{\"node\":\"node2\"}");
        call("api-set-channel-nodes", admin, fixture, "{\"nodes\":[\"node1\"]}");
    }

    /** 409 for a channel without a backupInput, 200 for a switch to a started channel's primary. */
    private void probeInputSwitch() {
        Map<String, String> single = Map.of("id", "single");
        call("api-create-channel", admin, Map.of(), channel("single", Ports.freeUdp()));
        call("api-switch-input", admin, single, "{\"to\":\"backup\"}");
        call("api-delete-channel", admin, single, null);
        Map<String, String> pair = Map.of("id", "pair");
        call("api-create-channel", admin, Map.of(), "{\"id\":\"pair\",\"input\":{\"port\":" + Ports.freeUdp()
                + "},\"backupInput\":{\"port\":" + Ports.freeUdp() + "},\"started\":true}");
        call("api-switch-input", admin, pair, "{\"to\":\"primary\"}");
        call("api-delete-channel", admin, pair, null);
    }

    private void probeChannelsAndOutputs(int fixturePort) {
        Map<String, String> probe = Map.of("id", "probe", "oid", "o1");
        call("api-create-channel", admin, Map.of(), channel("probe", Ports.freeUdp()));
        call("api-create-channel", admin, Map.of(), channel("probe", Ports.freeUdp()));
        call("api-update-channel", admin, probe, "{\"input\":{\"port\":" + Ports.freeUdp() + "}}");
        call("api-update-channel", admin, probe, "{\"input\":{\"port\":" + fixturePort + "}}");
        call("api-create-output", admin, probe, output("o1"));
        call("api-create-output", admin, probe, output("o1"));
        call("api-restart-output", admin, probe, null);
        call("api-update-output", admin, probe, "{\"name\":\"renamed\",\"url\":\"srt://127.0.0.1:" + Ports.freeUdp() + "\"}");
        call("api-stop-output", admin, probe, null);
        call("api-start-output", admin, probe, null);
        call("api-start-channel", admin, probe, null);
        await("output o1 runs, so it can be restarted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> call("api-restart-output", admin, probe, null).status() == 200);
        call("api-stop-channel", admin, probe, null);
        for (int n = 2; n <= OUTPUT_LIMIT + 1; n++) {
            call("api-create-output", admin, probe, output("o" + n));
        }
        List<String> filled = new ArrayList<>();
        for (int n = 1; n <= CHANNEL_LIMIT + 1; n++) {
            if (call("api-create-channel", admin, Map.of(), channel("fill-" + n, Ports.freeUdp())).status() == 201) {
                filled.add("fill-" + n);
            }
        }
        for (int n = 1; n <= OUTPUT_LIMIT; n++) {
            call("api-delete-output", admin, Map.of("id", "probe", "oid", "o" + n), null);
        }
        filled.forEach(id -> call("api-delete-channel", admin, Map.of("id", id), null));
        call("api-delete-channel", admin, probe, null);
        call("api-delete-channel", admin, Map.of("id", "fixture"), null);
    }

    /** A picture needs a stream: 200 once a keyframe is decoded, then 304 for its ETag. */
    private void probeThumbnail() {
        int port = Ports.freeUdp();
        Map<String, String> pictured = Map.of("id", "pictured");
        call("api-create-channel", admin, Map.of(), "{\"id\":\"pictured\",\"input\":{\"port\":" + port + "},\"started\":true}");
        try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", port), TestStream.BITRATE, 0x26)
                .start(new FileInputStream(TestStream.plain(60).toFile()))) {
            await("a picture of channel pictured").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                    .until(() -> call("api-channel-thumbnail", viewer, pictured, null).status() == 200);
            // the picture may be renewed between the two calls: ask again until its ETag revalidates
            await("a 304 for the current picture's ETag").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> operations.call("api-channel-thumbnail", viewer, pictured, null, Map.of("If-None-Match", currentEtag())).status() == 304);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        call("api-delete-channel", admin, pictured, null);
    }

    private String currentEtag() throws java.io.IOException, InterruptedException {
        String basic = java.util.Base64.getEncoder().encodeToString(("admin:" + DistributorServer.ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(baseUrl + "/api/channels/pictured/thumbnail")).header("Authorization", "Basic " + basic).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElse("\"none\"");
    }

    private void probeUsersAndTokens() {
        String user = "{\"username\":\"probe-user\",\"password\":\"probe-password-1\",\"role\":\"viewer\"}";
        call("api-create-user", admin, Map.of(), user);
        call("api-create-user", admin, Map.of(), user);
        Api probeUser = admin.as("probe-user", "probe-password-1");
        call("api-change-own-password", probeUser, Map.of(), "{\"current\":\"wrong-password-1\",\"password\":\"probe-password-2\"}");
        call("api-change-own-password", probeUser, Map.of(), "{\"current\":\"probe-password-1\",\"password\":\"probe-password-2\"}");
        call("api-set-password", admin, Map.of("name", "probe-user"), "{\"password\":\"short\"}");
        call("api-set-password", admin, Map.of("name", "probe-user"), "{\"password\":\"probe-password-3\"}");
        call("api-delete-user", admin, Map.of("name", "probe-user"), null);
        call("api-delete-user", admin, Map.of("name", "admin"), null);
        String token = call("api-create-token", admin, Map.of(), "{\"name\":\"probe\",\"role\":\"viewer\"}").json().path("id").asText();
        call("api-revoke-token", admin, Map.of("tid", token), null);
    }

    /**
     * An operator is refused (403) exactly where an admin is needed. Called so that nothing changes:
     * GETs, changes of what does not exist, and bodies with an unknown field (refused with 400
     * after the role check passed).
     */
    private void checkOperatorRole(DocumentedOperations.Operation operation, Map<String, String> fixture, Map<String, String> absent) {
        boolean read = "GET".equals(operation.method());
        Api.Response asOperator = call(operation.id(), operator, read ? fixture : absent, operation.hasBody() ? "{\"noSuchField\":1}" : null);
        if ("admin".equals(operation.role()) != (asOperator.status() == 403)) {
            roleMistakes.add(operation.id() + " is documented for role '" + operation.role() + "' but an operator got " + asOperator.status());
        }
    }

    /** Viewers refused where they may act, or let through where they may not; then every status mismatch. */
    List<String> mismatches() {
        List<String> mismatches = new ArrayList<>(roleMistakes);
        mismatches.addAll(operations.mismatches());
        return mismatches;
    }

    Set<String> operationsProbed() {
        return operations.called();
    }

    Set<String> operationsDocumented() {
        return operations.documented();
    }

    private Api.Response call(String operationId, Api api, Map<String, String> params, String body) {
        return operations.call(operationId, api, params, body);
    }

    /** A body the operation accepts, so that 401, 403 and 404 are not masked by a 400. */
    private static String validBody(DocumentedOperations.Operation operation) {
        if (!operation.hasBody()) {
            return null;
        }
        return switch (operation.id()) {
            case "api-create-user" -> "{\"username\":\"never-made\",\"password\":\"never-made-password\",\"role\":\"viewer\"}";
            case "api-create-token" -> "{\"name\":\"never-made\",\"role\":\"viewer\"}";
            // a wrong current password: even if it got through, no password would change
            case "api-change-own-password" -> "{\"current\":\"not-the-password\",\"password\":\"never-set-password\"}";
            case "api-set-password" -> "{\"password\":\"never-set-password\"}";
            case "api-create-channel", "api-update-channel" -> "{\"input\":{\"port\":" + Ports.freeUdp() + "}}";
            case "api-switch-input" -> "{\"to\":\"primary\"}";
            case "api-move-channel" -> "{\"node\":\"node2\"}";
            case "api-set-channel-nodes" -> "{\"nodes\":[\"node1\"]}";
            default -> "{\"url\":\"srt://127.0.0.1:" + Ports.freeUdp() + "\"}";
        };
    }

    private static String channel(String id, int port) {
        return "{\"id\":\"" + id + "\",\"input\":{\"port\":" + port + "}}";
    }

    private static String output(String id) {
        return "{\"id\":\"" + id + "\",\"url\":\"srt://127.0.0.1:" + Ports.freeUdp() + "\"}";
    }
}
