package org.medialive.distributor.control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.client.ApiClient;
import org.medialive.distributor.client.ApiException;
import org.medialive.distributor.client.api.AccessApi;
import org.medialive.distributor.client.api.ChannelsApi;
import org.medialive.distributor.client.api.OutputsApi;
import org.medialive.distributor.client.api.SystemApi;
import org.medialive.distributor.client.model.Channel;
import org.medialive.distributor.client.model.ChannelInput;
import org.medialive.distributor.client.model.ChannelRequest;
import org.medialive.distributor.client.model.Error;
import org.medialive.distributor.client.model.IssuedToken;
import org.medialive.distributor.client.model.Me;
import org.medialive.distributor.client.model.NewPassword;
import org.medialive.distributor.client.model.NewToken;
import org.medialive.distributor.client.model.NewUser;
import org.medialive.distributor.client.model.Output;
import org.medialive.distributor.client.model.OutputKind;
import org.medialive.distributor.client.model.OutputRequest;
import org.medialive.distributor.client.model.Role;
import org.medialive.distributor.client.model.Token;
import org.medialive.distributor.client.model.User;
import org.medialive.distributor.demo.RtpPacer;
import org.medialive.distributor.support.Api;
import org.medialive.distributor.support.DistributorServer;
import org.medialive.distributor.support.Ports;
import org.medialive.distributor.support.TestStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The contract against the real server: the document it serves is docs/openapi.json and valid;
 * a client generated from it at build time (target/generated-test-sources/openapi-client) does an
 * integration engineer's round trip with every answer parsed strictly into its types; and every
 * documented status is one the operation answers, and the reverse (DocumentedStatuses).
 */
class ApiContractIT {

    @TempDir
    static Path work;
    static DistributorServer server;

    @BeforeAll
    static void start() {
        // small limits, so that 422 is reachable with a few requests
        server = new DistributorServer(work.resolve("data"), "api-contract",
                "--distributor.limits.channels=" + DocumentedStatuses.CHANNEL_LIMIT,
                "--distributor.limits.outputs-per-channel=" + DocumentedStatuses.OUTPUT_LIMIT).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void servesDocsOpenApiJsonAndItIsValid() throws Exception {
        Api.Response served = server.api().get("/api/openapi.json");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.body()).as("the served document is docs/openapi.json as it is")
                .isEqualTo(Files.readString(Path.of("docs/openapi.json")));
        assertThat(OpenApiValidation.problems(served.body())).as("swagger-parser's messages on the served document").isEmpty();
    }

    @Test
    void aGeneratedClientLogsInWithATokenAndManagesAChannelAndAnOutput() throws Exception {
        ApiClient adminClient = client(basic("admin", DistributorServer.ADMIN_PASSWORD));
        IssuedToken issued = new AccessApi(adminClient).apiCreateToken(new NewToken().name("generated-client").role(Role.OPERATOR));
        assertThat(issued.getToken()).startsWith("mld_");

        ApiClient client = client("Bearer " + issued.getToken());
        Me me = new AccessApi(client).apiMe();
        assertThat(me.getRoles()).containsExactly(Role.VIEWER, Role.OPERATOR);

        ChannelsApi channels = new ChannelsApi(client);
        OutputsApi outputs = new OutputsApi(client);
        int port = Ports.freeUdp();
        Channel created = channels.apiCreateChannel(new ChannelRequest().id("generated").name("Generated")
                .input(new ChannelInput().port(port).sourceAddress(List.of("127.0.0.0/8"))));
        assertThat(created.getInput().getPort()).isEqualTo(port);
        assertThat(created.getInput().getSourceAddress()).containsExactly("127.0.0.0/8");
        assertThat(created.getStatus().getState()).isEqualTo("stopped");

        String passphrase = "generated-secret-1";
        Output output = outputs.apiCreateOutput("generated", new OutputRequest().id("cdn")
                .url("srt://127.0.0.1:" + Ports.freeUdp() + "?mode=caller&passphrase=" + passphrase));
        assertThat(output.getProtocol()).isEqualTo("srt");
        assertThat(output.getUrl()).contains("passphrase=***").doesNotContain(passphrase);

        assertThat(channels.apiStartChannel("generated").getStarted()).isTrue();
        await("the channel waits for its signal and its output's process runs")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    Channel channel = channels.apiGetChannel("generated");
                    assertThat(channel.getStatus().getState()).isIn("waiting", "receiving");
                    assertThat(channel.getOutputs()).singleElement()
                            .satisfies(o -> assertThat(o.getStatus().getState()).isIn("starting", "running", "retrying"));
                });
        try (RtpPacer pacer = new RtpPacer(new InetSocketAddress("127.0.0.1", port), TestStream.BITRATE, 31)
                .start(new FileInputStream(TestStream.withCues(10).toFile()))) {
            await("SCTE-35 cues decoded: stream analysis and cue log to parse").atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(500)).until(() -> !channels.apiChannelCues("generated").isEmpty());
        }
        Channel analysed = channels.apiChannelStats("generated");
        assertThat(analysed.getStream().getPrograms()).isNotEmpty();
        assertThat(analysed.getStream().getScte35Pids()).contains(TestStream.SCTE35_PID);
        assertThat(analysed.getLastCue().getCommand()).isEqualTo("splice_insert");
        assertThat(channels.apiChannelCues("generated").get(0).getCrcValid()).isTrue();
        assertThat(outputs.apiGetOutput("generated", "cdn").getStatus().getUptimeSeconds()).isNotNull();
        assertThat(outputs.apiRestartOutput("generated", "cdn").getId()).isEqualTo("cdn");
        assertThat(outputs.apiStopOutput("generated", "cdn").getEnabled()).isFalse();
        assertThat(outputs.apiStartOutput("generated", "cdn").getEnabled()).isTrue();
        assertThat(outputs.apiUpdateOutput("generated", "cdn", new OutputRequest().name("CDN").url(output.getUrl())).getName())
                .as("*** keeps the stored passphrase").isEqualTo("CDN");
        assertThat(channels.apiUpdateChannel("generated", new ChannelRequest().name("Renamed").input(new ChannelInput().port(port)))
                .getName()).isEqualTo("Renamed");
        assertThat(outputs.apiListOutputs("generated")).extracting(Output::getId).containsExactly("cdn");
        List<OutputKind> kinds = outputs.apiListOutputKinds();
        assertThat(kinds).extracting(OutputKind::getScheme).containsExactly("srt", "rtmp", "rtmps", "udp");
        assertThat(kinds.get(0).getDefinition().getProperties().get("passphrase").getFormat())
                .as("the SRT passphrase is a secret of the kind's definition").isEqualTo(org.medialive.distributor.client.model.OutputKindProperty.FormatEnum.PASSWORD);
        assertThat(client.getObjectMapper().writeValueAsString(kinds)).as("a schema, no stored secret").doesNotContain(passphrase);
        assertThat(channels.apiChannelStats("generated").getId()).isEqualTo("generated");
        assertThat(channels.apiListChannels()).extracting(Channel::getId).contains("generated");
        SystemApi system = new SystemApi(client);
        assertThat(system.apiHealth().getChannels()).isGreaterThanOrEqualTo(1);
        assertThat(system.apiStats().getDrops().getWebsockets()).isNotNegative();
        ApiException notAdmin = catchThrowableOfType(ApiException.class, () -> new AccessApi(client).apiAudit(5));
        assertThat(notAdmin.getCode()).as("the audit log needs an admin; the token is an operator's").isEqualTo(403);
        AccessApi access = new AccessApi(adminClient);
        assertThat(access.apiAudit(5)).isNotEmpty();
        assertThat(access.apiCreateUser(new NewUser().username("generated-viewer").password("generated-password-1").role(Role.VIEWER))
                .getRole()).isEqualTo(Role.VIEWER);
        assertThat(access.apiListUsers()).extracting(User::getUsername).contains("admin", "generated-viewer");
        new AccessApi(client(basic("generated-viewer", "generated-password-1")))
                .apiChangeOwnPassword(new NewPassword().current("generated-password-1").password("generated-password-2"));
        access.apiSetPassword("generated-viewer", new NewPassword().password("generated-password-3"));
        assertThat(new AccessApi(client(basic("generated-viewer", "generated-password-3"))).apiMe().getRoles()).containsExactly(Role.VIEWER);
        ApiException oldPassword = catchThrowableOfType(ApiException.class,
                () -> new AccessApi(client(basic("generated-viewer", "generated-password-2"))).apiMe());
        assertThat(oldPassword.getCode()).isEqualTo(401);
        access.apiDeleteUser("generated-viewer");
        assertThat(access.apiListTokens()).extracting(Token::getId).contains(issued.getId());
        assertThat(system.apiOpenapi()).isNotNull();

        assertThat(channels.apiStopChannel("generated").getStatus().getState()).isEqualTo("stopped");
        outputs.apiDeleteOutput("generated", "cdn");
        channels.apiDeleteChannel("generated");
        ApiException gone = catchThrowableOfType(ApiException.class, () -> channels.apiGetChannel("generated"));
        assertThat(gone.getCode()).isEqualTo(404);
        Error error = client.getObjectMapper().readValue(gone.getResponseBody(), Error.class);
        assertThat(error.getError()).contains("no channel with id 'generated'");

        new AccessApi(adminClient).apiRevokeToken(issued.getId());
        ApiException revoked = catchThrowableOfType(ApiException.class, () -> new AccessApi(client).apiMe());
        assertThat(revoked.getCode()).isEqualTo(401);
    }

    @Test
    void everyDocumentedStatusIsAnsweredAndEveryAnswerIsDocumented() throws Exception {
        JsonNode document = new ObjectMapper().readTree(server.api().get("/api/openapi.json").body());
        DocumentedStatuses statuses = new DocumentedStatuses(document, server);
        statuses.probe();
        List<String> mismatches = statuses.mismatches();
        assertThat(mismatches).as("operations whose documented statuses differ from what the server answered").isEmpty();
        assertThat(statuses.operationsProbed()).as("every documented operation was probed")
                .isEqualTo(statuses.operationsDocumented()).hasSizeGreaterThanOrEqualTo(30);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The generated client, strict: a field the server sends that the document lacks fails the parse. */
    private static ApiClient client(String authorization) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.baseUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        // getObjectMapper() hands out a copy: the strict one must be set back for the API classes to use it
        client.setObjectMapper(client.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        return client;
    }
}
