package io.twinloop.ditto.hono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.protocol.JsonifiableAdaptable;
import org.eclipse.ditto.protocol.TopicPath;
import org.junit.jupiter.api.Test;

import io.twinloop.ditto.hono.DittoJavaScriptMapping.ExternalMessage;

/**
 * The generated scripts under Rhino as Ditto runs them (ES6, sandboxed, stack depth 10), on their own; module
 * connectors' {@code HonoMappingParityTest} compares them with the Java Hono consumer message by message.
 */
class HonoMappingScriptTest {

    private final DittoJavaScriptMapping mapping = DittoJavaScriptMapping.of(HonoConnectionDefinition.forTenant(
            "twinloop", List.of(HonoDevicesForTests.meter(), HonoDevicesForTests.press()),
            HonoConnectionSettings.defaults()));

    private static ExternalMessage telemetry(final String device, final String contentType, final String payload) {
        return ExternalMessage.fromKafka(Map.of("device_id", device, "content-type", contentType, "tenant_id",
                "twinloop"), payload.getBytes(StandardCharsets.UTF_8));
    }

    private List<JsonifiableAdaptable> in(final String device, final String payload) {
        return mapping.incoming(telemetry(device, "application/json", payload));
    }

    private static JsonObject value(final JsonifiableAdaptable merge) {
        return merge.getPayload().getValue().orElseThrow().asObject();
    }

    @Test
    void telemetryBecomesOneMergeOfTheTwinsFeaturesTypedByTheSinks() {
        final List<JsonifiableAdaptable> merges = in("meter-01", "{\"power\": 42.5, \"voltage\": 231, "
                + "\"energy\": 18300}");

        assertThat(merges).hasSize(1);
        final JsonifiableAdaptable merge = merges.get(0);
        assertThat(merge.getTopicPath().getPath()).isEqualTo("demo/Meter01/things/twin/commands/merge");
        assertThat(merge.getTopicPath().getAction()).contains(TopicPath.Action.MERGE);
        assertThat(merge.getPayload().getPath().toString()).isEqualTo("/features");
        assertThat(merge.getDittoHeaders().getContentType()).contains("application/merge-patch+json");
        assertThat(value(merge)).isEqualTo(JsonObject.of("{\"OperationalData\":{\"properties\":"
                + "{\"ActivePower\":42.5,\"Voltage\":231,\"EnergyTotal\":18300}}}"));
    }

    @Test
    void nestedPathsBooleansAndTextsGoWhereTheAasSays() {
        final JsonifiableAdaptable merge = in("demo:Press01", "{\"count\": 12, \"running\": true, "
                + "\"state\": \"RUN\"}").get(0);
        assertThat(merge.getTopicPath().getPath()).isEqualTo("demo/Press01/things/twin/commands/merge");
        assertThat(value(merge)).isEqualTo(JsonObject.of("{\"OperationalData\":{\"properties\":"
                + "{\"Counters\":{\"Strokes\":12},\"Running\":true,\"State\":\"RUN\"}}}"));
    }

    @Test
    void badValuesAreDroppedKeyByKeyAndTheRestIsWritten() {
        // NaN, a text for a number, out of min_max, an unknown key, a fraction for xs:long, a number for xs:string
        assertThat(value(in("meter-01", "{\"power\": NaN, \"voltage\": \"high\", \"energy\": 7, \"x\": 1}").get(0)))
                .isEqualTo(JsonObject.of("{\"OperationalData\":{\"properties\":{\"EnergyTotal\":7}}}"));
        assertThat(value(in("meter-01", "{\"power\": 501, \"voltage\": -Infinity, \"energy\": 8}").get(0)))
                .isEqualTo(JsonObject.of("{\"OperationalData\":{\"properties\":{\"EnergyTotal\":8}}}"));
        assertThat(value(in("demo:Press01", "{\"count\": 1.5, \"state\": 3, \"running\": \"NaN\"}"))).isNull();
    }

    private static JsonObject value(final List<JsonifiableAdaptable> merges) {
        return merges.isEmpty() ? null : value(merges.get(0));
    }

    @Test
    void messagesWithoutValuesAreDropped() {
        assertThat(in("meter-99", "{\"power\": 1}")).as("unknown device").isEmpty();
        assertThat(in("meter-01", "{\"power\": ")).as("not JSON").isEmpty();
        assertThat(in("meter-01", "[1, 2]")).as("not an object").isEmpty();
        assertThat(in("meter-01", "")).as("empty").isEmpty();
        assertThat(mapping.incoming(telemetry("meter-01", "application/vnd.eclipse-hono-empty-notification", "")))
                .as("Hono's notification").isEmpty();
        assertThat(mapping.incoming(telemetry("meter-01", "text/plain", "{\"power\": 1}"))).as("text").isEmpty();
        // MQTT 3.1.1 devices cannot say: Hono's adapter says octet-stream, the payload is tried as JSON
        assertThat(mapping.incoming(telemetry("meter-01", "application/octet-stream", "{\"power\": 1}"))).hasSize(1);
        // a message with bytes only is read through Ditto.arrayBufferToString
        assertThat(mapping.incoming(new ExternalMessage(Map.of("device_id", "meter-01"), Optional.empty(),
                Optional.of("{\"power\": 2}".getBytes(StandardCharsets.US_ASCII)), Optional.of("application/json"))))
                .hasSize(1);
    }

    private static JsonObject event(final String topic, final String path, final String value) {
        return JsonObject.of("{\"topic\":\"" + topic + "\",\"path\":\"" + path + "\",\"headers\":{},\"value\":"
                + value + ",\"revision\":7}");
    }

    @Test
    void desiredValuesInAnyTwinEventBecomeCommandsOfTheDevice() {
        final List<ExternalMessage> commands = mapping.outgoing(event("demo/Press01/things/twin/events/merged", "/",
                "{\"features\":{\"Setpoints\":{\"desiredProperties\":{\"Force\":42.5}},"
                        + "\"OperationalData\":{\"desiredProperties\":{\"Mode\":\"RUN\"},"
                        + "\"properties\":{\"State\":\"x\"}}}}"));

        assertThat(commands).hasSize(2);
        assertThat(commands).extracting(c -> c.headers().get("subject")).containsExactlyInAnyOrder("force", "mode");
        final ExternalMessage force = commands.stream().filter(c -> c.headers().get("subject").equals("force"))
                .findFirst().orElseThrow();
        assertThat(force.headers()).containsEntry("device_id", "demo:Press01")
                .containsEntry("content-type", "application/json");
        assertThat(force.contentType()).contains("application/json");
        assertThat(JsonObject.of(force.textPayload().orElseThrow())).isEqualTo(JsonObject.of("{\"force\":42.5}"));

        assertThat(mapping.outgoing(event("demo/Meter01/things/twin/events/modified",
                "/features/OperationalData/desiredProperties/ReportingInterval", "30")))
                .singleElement().satisfies(c -> {
                    assertThat(c.headers()).containsEntry("device_id", "meter-01").containsEntry("subject",
                            "interval");
                    assertThat(c.textPayload()).contains("{\"interval\":30}");
                });
    }

    @Test
    void desiredValuesTheAasForbidsAndOtherEventsSendNothing() {
        assertThat(mapping.outgoing(event("demo/Press01/things/twin/events/modified",
                "/features/Setpoints/desiredProperties/Force", "81"))).as("outside min_max").isEmpty();
        assertThat(mapping.outgoing(event("demo/Press01/things/twin/events/modified",
                "/features/OperationalData/desiredProperties/Mode", "\"FAST\""))).as("not in enum").isEmpty();
        assertThat(mapping.outgoing(event("demo/Meter01/things/twin/events/modified",
                "/features/OperationalData/desiredProperties/ReportingInterval", "2.5"))).as("integer").isEmpty();
        assertThat(mapping.outgoing(event("demo/Press01/things/twin/events/modified",
                "/features/OperationalData/properties/State", "\"RUN\""))).as("not desired").isEmpty();
        assertThat(mapping.outgoing(event("demo/Press01/things/twin/events/merged", "/features",
                "{\"Setpoints\":{\"desiredProperties\":{\"Force\":null}}}"))).as("deleted by merge").isEmpty();
        assertThat(mapping.outgoing(JsonObject.of("{\"topic\":\"demo/Press01/things/twin/events/deleted\","
                + "\"path\":\"/features/Setpoints/desiredProperties/Force\",\"headers\":{}}")))
                .as("deletion").isEmpty();
        assertThat(mapping.outgoing(event("demo/Other/things/twin/events/merged", "/",
                "{\"features\":{\"Setpoints\":{\"desiredProperties\":{\"Force\":42}}}}"))).as("other thing").isEmpty();
        assertThat(mapping.outgoing(JsonObject.of("{\"topic\":\"demo/Press01/policies/commands/modify\","
                + "\"path\":\"/\",\"headers\":{},\"value\":{}}"))).as("no channel").isEmpty();
    }

    @Test
    void theSandboxIsDittosStackDepthAndNoJava() {
        final DittoJavaScriptMapping deep = DittoJavaScriptMapping.of(
                "function down(n) { return n === 0 ? 0 : down(n - 1); }\n"
                        + "function mapToDittoProtocolMsg(h, t, b, c) { down(20); return null; }",
                "function mapFromDittoProtocolMsg() { return java.lang.System.exit(1); }");
        assertThatThrownBy(() -> deep.incoming(telemetry("x", "application/json", "{}")))
                .hasMessageContaining("stack");
        assertThatThrownBy(() -> deep.outgoing(event("a/b/things/twin/events/merged", "/", "{}")))
                .hasMessageContaining("java");
    }
}
