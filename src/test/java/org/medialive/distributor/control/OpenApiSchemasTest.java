package org.medialive.distributor.control;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medialive.distributor.channel.ChannelView;
import org.medialive.distributor.channel.CueView;
import org.medialive.distributor.channel.InputDefinition;
import org.medialive.distributor.monitoring.StatsSnapshot;
import org.medialive.distributor.output.OutputView;
import org.medialive.distributor.security.ApiTokens;
import org.medialive.distributor.security.UserAccounts;
import org.medialive.distributor.stream.ElementaryStream;
import org.medialive.distributor.stream.Program;
import org.medialive.distributor.stream.StreamInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The schemas of docs/openapi.json describe what the API really writes and reads: each has exactly
 * the JSON fields Jackson makes of its Java type (a record component, or a getter such as
 * ElementaryStream.isScte35), so a field added to a view without documenting it fails here by name.
 */
class OpenApiSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each documented schema and the Java type whose JSON it describes. */
    static Stream<Arguments> schemasAndTypes() {
        return Stream.of(
                arguments("Channel", ChannelView.class), arguments("ChannelStatus", ChannelView.Status.class),
                arguments("ChannelInput", InputDefinition.class), arguments("StreamInfo", StreamInfo.class),
                arguments("Program", Program.class), arguments("ElementaryStream", ElementaryStream.class),
                arguments("Cue", CueView.class), arguments("Output", OutputView.class),
                arguments("OutputStatus", OutputView.Status.class), arguments("OutputCues", OutputView.Cues.class),
                arguments("Stats", StatsSnapshot.Stats.class), arguments("User", UserAccounts.UserView.class),
                arguments("Token", ApiTokens.TokenView.class), arguments("IssuedToken", ApiTokens.Issued.class),
                arguments("ChannelRequest", ChannelRequest.class), arguments("OutputRequest", OutputRequest.class),
                arguments("NewUser", AccessApi.NewUser.class), arguments("NewToken", AccessApi.NewToken.class),
                arguments("NewPassword", AccessApi.NewPassword.class), arguments("Drops", StatsSnapshot.Drops.class),
                arguments("Failover", ChannelView.Failover.class), arguments("InputStatus", ChannelView.InputStatus.class),
                arguments("FailoverPolicy", org.medialive.distributor.channel.FailoverPolicy.class),
                arguments("InputSwitch", org.medialive.distributor.channel.InputSwitch.class),
                arguments("InputSwitchRequest", InputSwitchRequest.class),
                arguments("OutputKind", OutputKindApi.KindView.class),

                arguments("ThumbnailMissing", ThumbnailApi.Missing.class));
    }

    @ParameterizedTest(name = "schema {0} has the fields of {1}")
    @MethodSource("schemasAndTypes")
    void schemaHasExactlyTheFieldsTheApiWrites(String schema, Class<?> type) throws IOException {
        JsonNode properties = OpenApiContractTest.document().path("components").path("schemas").path(schema).path("properties");
        Set<String> documented = new TreeSet<>();
        properties.fieldNames().forEachRemaining(documented::add);
        JavaType javaType = JSON.constructType(type);
        Set<String> written = new TreeSet<>();
        for (BeanPropertyDefinition property : JSON.getSerializationConfig().introspect(javaType).findProperties()) {
            written.add(property.getName());
        }
        Set<String> undocumented = new TreeSet<>(written);
        undocumented.removeAll(documented);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(written);
        assertThat(undocumented).as("fields of " + type.getName() + " missing from components.schemas." + schema
                + " in docs/openapi.json").isEmpty();
        assertThat(extra).as("fields in components.schemas." + schema + " that " + type.getName() + " does not have").isEmpty();
    }

    @Test
    void theRoleSchemaListsEveryRole() throws IOException {
        Set<String> documented = new TreeSet<>();
        OpenApiContractTest.document().path("components").path("schemas").path("Role").path("enum").forEach(role -> documented.add(role.asText()));
        assertThat(documented).as("components.schemas.Role.enum against security.Role").isEqualTo(OpenApiContractTest.roleWords());
    }
}
