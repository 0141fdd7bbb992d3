package org.medialive.distributor.routes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medialive.distributor.RequestRejectedException;
import org.medialive.distributor.output.Destinations;
import org.medialive.distributor.output.OutputKind;
import org.medialive.distributor.output.OutputKinds;
import org.medialive.distributor.output.UrlCheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Output kind descriptors: the packaged built-in ones, a directory's over them, and what stops start-up. */
class OutputKindFilesTest {

    private static final String RELAY = """
            scheme: relay2
            template: relay2-output
            carriesScte35: true
            title: Second UDP relay
            """;

    @TempDir
    Path routes;

    @AfterEach
    void backToThePackagedKinds() {
        OutputKindFiles.register(null);
    }

    @Test
    void thePackagedDescriptorsDescribeTheBuiltInKinds() {
        List<OutputKind> kinds = OutputKindFiles.register(null);
        assertThat(kinds).extracting(OutputKind::scheme).containsExactly("srt", "rtmp", "rtmps", "udp");
        assertThat(kinds).extracting(OutputKind::template).containsExactly("srt-output", "rtmp-output", "rtmp-output", "udp-output");
        assertThat(kinds).extracting(OutputKind::validator).containsExactly(UrlCheck.SRT, UrlCheck.RTMP, UrlCheck.RTMP, UrlCheck.UDP);
        assertThat(kinds).extracting(OutputKind::carriesScte35).containsExactly(true, false, false, true);
        assertThat(kinds.get(0).origin()).isEqualTo("jar:routes/srt.output-kind.yaml");
        assertThat(passwords(OutputKinds.forScheme("srt"))).containsExactly("passphrase", "streamid");
        assertThat(passwords(OutputKinds.forScheme("rtmps"))).containsExactly("streamKey", "userInfo");
        assertThat(passwords(OutputKinds.forScheme("udp"))).isEmpty();
        assertThat(Destinations.parse("rtmps://live.example.com:443/app/key-1").routeTemplate()).isEqualTo("rtmp-output");
        assertThat(Destinations.parse("srt://203.0.113.10:9000").carriesScte35()).isTrue();
    }

    @Test
    void aGoodFileAddsItsKindWithADefinitionOfHostAndPort() throws Exception {
        Files.writeString(routes.resolve("relay2.output-kind.yaml"), RELAY);
        List<OutputKind> kinds = OutputKindFiles.register(routes);
        assertThat(kinds).extracting(OutputKind::scheme).containsExactly("srt", "rtmp", "rtmps", "udp", "relay2");
        OutputKind relay = OutputKinds.forScheme("relay2");
        assertThat(relay.validator()).isEqualTo(UrlCheck.HOST_PORT);
        assertThat(relay.origin()).isEqualTo(routes.resolve("relay2.output-kind.yaml").toString());
        assertThat(relay.definition()).containsEntry("required", List.of("host", "port"))
                .containsEntry("description", "Second UDP relay: relay2://HOST:PORT, no options and no secret.");
        assertThat(Destinations.parse("relay2://127.0.0.1:5000").routeTemplate()).isEqualTo("relay2-output");
        assertThatThrownBy(() -> Destinations.parse("relay2://127.0.0.1:5000?x=1")).isInstanceOf(RequestRejectedException.class);
    }

    @Test
    void aDirectoryCopyReplacesThePackagedOneOfTheSameName() throws Exception {
        String srt = OutputKinds.packaged().get("srt.output-kind.yaml");
        Files.writeString(routes.resolve("srt.output-kind.yaml"), srt.replace("title: SRT\n", "title: SRT (edited)\n"));
        OutputKindFiles.register(routes);
        assertThat(OutputKinds.forScheme("srt").title()).isEqualTo("SRT (edited)");
        assertThat(OutputKinds.forScheme("srt").origin()).isEqualTo(routes.resolve("srt.output-kind.yaml").toString());
    }

    @Test
    void anUnknownValidatorStopsStartUpNamingTheFileAndTheValidators() throws Exception {
        Path file = routes.resolve("relay2.output-kind.yaml");
        Files.writeString(file, RELAY + "validator: socat\n");
        assertThatThrownBy(() -> OutputKindFiles.register(routes)).isInstanceOf(InvalidRouteFileException.class)
                .hasMessage("Cannot start: output kind file " + file + " is not valid: validator 'socat' is not one of srt, rtmp, udp, host-port.");
    }

    @Test
    void aMissingFieldStopsStartUpNamingIt() throws Exception {
        Path file = routes.resolve("relay2.output-kind.yaml");
        Files.writeString(file, RELAY.replace("template: relay2-output\n", ""));
        assertThatThrownBy(() -> OutputKindFiles.register(routes)).hasMessageContaining(file + " is not valid: template must name a routeTemplate id");
        String srt = OutputKinds.packaged().get("srt.output-kind.yaml");
        Path edited = routes.resolve("srt.output-kind.yaml");
        Files.delete(file);
        Files.writeString(edited, srt.replace("      title: Passphrase\n", ""));
        assertThatThrownBy(() -> OutputKindFiles.register(routes))
                .hasMessageContaining(edited + " is not valid: definition.properties.passphrase.title is missing");
        Files.writeString(edited, srt.substring(0, srt.indexOf("definition:")));
        assertThatThrownBy(() -> OutputKindFiles.register(routes)).hasMessageContaining("definition is missing");
    }

    @Test
    void aValidatorOnlyReadsItsOwnSchemesAndASchemeIsDescribedOnce() throws Exception {
        Path file = routes.resolve("srt2.output-kind.yaml");
        String srt = OutputKinds.packaged().get("srt.output-kind.yaml");
        Files.writeString(file, srt.replace("scheme: srt\n", "scheme: srt2\n"));
        assertThatThrownBy(() -> OutputKindFiles.register(routes)).hasMessageContaining("validator srt checks srt URLs, not srt2");
        Files.writeString(file, RELAY.replace("scheme: relay2", "scheme: udp"));
        assertThatThrownBy(() -> OutputKindFiles.register(routes))
                .hasMessageContaining("scheme udp is read by the built-in validator udp");
        Files.writeString(file, srt);
        assertThatThrownBy(() -> OutputKindFiles.register(routes))
                .hasMessageContaining("scheme srt is described by both jar:routes/srt.output-kind.yaml and " + file);
        Files.writeString(file, RELAY + "definition:\n  title: T\n  description: D\n  properties:\n    key:\n"
                + "      title: Key\n      description: K\n      type: string\n      format: password\n");
        Files.writeString(file, Files.readString(file).replace("scheme: udp", "scheme: relay2"));
        assertThatThrownBy(() -> OutputKindFiles.register(routes)).hasMessageContaining("host-port URLs hold no secret");
    }

    @Test
    void aTemplateThatNoRouteFileDefinesStopsStartUp() throws Exception {
        Path file = routes.resolve("relay2.output-kind.yaml");
        Files.writeString(file, RELAY);
        assertThatThrownBy(() -> OutputKindFiles.register(routes, id -> !id.equals("relay2-output")))
                .hasMessage("Cannot start: output kind file " + file + " is not valid: template 'relay2-output' is not a routeTemplate id"
                        + " of any route file. Add its NAME.camel.yaml or correct the id.");
        assertThat(OutputKindFiles.register(routes, id -> true)).extracting(OutputKind::scheme).contains("relay2");
    }

    @Test
    void yamlThatDoesNotParseNamesTheLine() throws Exception {
        Path file = routes.resolve("relay2.output-kind.yaml");
        Files.writeString(file, "scheme: relay2\ntemplate: [relay2-output\n");
        assertThatThrownBy(() -> OutputKindFiles.register(routes)).hasMessageContaining("route file " + file + " line ");
    }

    @SuppressWarnings("unchecked")
    private static List<String> passwords(OutputKind kind) {
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) kind.definition().get("properties");
        return properties.entrySet().stream().filter(p -> "password".equals(p.getValue().get("format"))).map(Map.Entry::getKey).toList();
    }
}
