package io.twinloop.twin.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTag;
import org.eclipse.ditto.base.model.signals.Signal;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.ThingCommand;
import org.eclipse.ditto.things.model.signals.commands.modify.MergeThing;
import org.eclipse.ditto.things.model.signals.commands.modify.MergeThingResponse;
import org.junit.jupiter.api.Test;

import io.twinloop.twin.server.http.ApiResponse;
import io.twinloop.twin.server.http.ThingsApi;

/**
 * The direct reading of modify and merge envelopes makes exactly the command Ditto's protocol adapter makes, and
 * leaves everything it does not cover, or that the adapter refuses, to the adapter.
 */
class WriteEnvelopeTest {

    private static final DittoProtocolAdapter ADAPTER = DittoProtocolAdapter.newInstance();
    private static final String T = "org.example/machine-1/things/twin/commands/";
    private static final String H = "{\"correlation-id\":\"c-1\"}";
    private static final String M = "{\"correlation-id\":\"c-m\",\"content-type\":\"application/merge-patch+json\"}";

    /** Envelopes both readers accept: the direct command must be the adapter's. */
    private static final List<String> READ_DIRECTLY = List.of(
            env(T + "modify", "/attributes/location", "\"hall 2\"", H),
            env(T + "modify", "/attributes/site/floor", "2", H),
            env(T + "modify", "/features/spindle/properties/speed", "1300", H),
            env(T + "modify", "/features/spin dle/properties/speed", "1", H),
            env("org.example/machine 1/things/twin/commands/modify", "/attributes/a", "1", H),
            env(T + "modify", "/features/spindle/properties/a/b", "{\"c\":[1,2,{\"d\":null}]}", H),
            env(T + "modify", "/features/spindle/desiredProperties/speed", "1.5e3", H),
            env(T + "modify", "/features/spindle/desiredProperties/mode", "null", H),
            env(T + "merge", "/features", "{\"spindle\":{\"properties\":{\"speed\":1,\"t\":null}}}", M),
            env(T + "merge", "/features/spindle/properties", "{\"speed\":[1,2]}", M),
            env(T + "merge", "/features/spindle/desiredProperties/speed", "5", M),
            env(T + "merge", "/attributes", "{\"a\":{\"b\":1}}", M),
            env(T + "merge", "/attributes/a", "true", M),
            env(T + "modify", "/features/spindle/properties/speed", "1",
                    "{\"correlation-id\":\"c-2\",\"requested-acks\":[\"twin-persisted\"],\"timeout\":\"5s\","
                            + "\"response-required\":false,\"if-match\":\"\\\"rev:3\\\"\",\"x-other\":\"y\","
                            + "\"condition\":\"eq(attributes/a,1)\",\"twinloop-decision-id\":\"d-1\"}"),
            env(T + "merge", "/features", "{\"f\":{\"properties\":{\"x\":1}}}",
                    "{\"requested-acks\":[],\"if-none-match\":\"*\",\"content-type\":\"application/merge-patch+json\"}"));

    /** Envelopes left to the adapter (not covered here, or refused by Ditto). */
    private static final List<String> LEFT_TO_THE_ADAPTER = List.of(
            env(T + "modify", "/", "{\"attributes\":{}}", H),
            env(T + "modify", "/attributes", "{\"a\":1}", H),
            env(T + "modify", "/features/spindle", "{}", H),
            env(T + "modify", "/features/spindle/properties", "{}", H),
            env(T + "modify", "/features/spindle/definition", "[\"a:b:1\"]", H),
            env(T + "merge", "/", "{\"attributes\":{}}", H),
            env(T + "merge", "/features/spindle", "null", M),
            env(T + "merge", "/features/spindle", "{}", H),
            env(T + "merge", "/features/spindle", "{}", "{\"content-type\":\"application/json\"}"),
            env(T + "merge", "/policyId", "\"a:b\"", H),
            env(T + "create", "/", "{}", H),
            env(T + "delete", "/attributes/a", "1", H),
            env("org.example/machine-1/things/live/commands/modify", "/attributes/a", "1", H),
            env(T + "modify", "/attributes/a", "1", "{\"Correlation-Id\":\"c-3\"}"),
            env(T + "modify", "/attributes/a", "1", "{\"if-match\":\"not an etag\"}"),
            env(T + "modify", "/attributes/a", "1", "{\"requested-acks\":\"not a list\"}"),
            env(T + "modify", "/features/spindle/properties/speed", "{\"a/b\":1}", H),
            env("not-a-namespace!/x/things/twin/commands/modify", "/attributes/a", "1", H),
            "{\"topic\":\"" + T + "modify\",\"headers\":" + H + ",\"path\":\"/attributes/a\",\"value\":1,"
                    + "\"fields\":\"a\"}",
            "{\"topic\":\"" + T + "modify\",\"headers\":" + H + ",\"path\":\"/attributes/a\"}",
            "{\"topic\":1,\"headers\":" + H + ",\"path\":\"/attributes/a\",\"value\":1}");

    @Test
    void makesTheAdaptersCommand() {
        for (final String text : READ_DIRECTLY) {
            final JsonObject envelope = JsonFactory.readFrom(text).asObject();
            final Adaptable adaptable = ProtocolFactory.jsonifiableAdaptableFromJson(envelope);
            final ThingCommand<?> expected = (ThingCommand<?>) ADAPTER.fromAdaptable(adaptable);

            final Optional<WriteEnvelope> read = WriteEnvelope.read(envelope);

            assertThat(read).as(text).isPresent();
            final ThingCommand<?> command = read.get().command();
            // as JSON: the adapter's commands hold Ditto's message path where these hold a JSON pointer
            assertThat(command.getType()).as(text).isEqualTo(expected.getType());
            assertThat(command.toJson()).as(text).isEqualTo(expected.toJson());
            assertThat(ThingsApi.requestHeaders(command.getDittoHeaders()).build()).as(text)
                    .isEqualTo(ThingsApi.requestHeaders(expected.getDittoHeaders()).build());
            assertThat(read.get().topic()).as(text).isEqualTo(adaptable.getTopicPath());
            assertThat(read.get().path().toString()).as(text).isEqualTo(adaptable.getPayload().getPath().toString());
        }
    }

    @Test
    void leavesTheRestToTheAdapter() {
        for (final String text : LEFT_TO_THE_ADAPTER) {
            assertThat(WriteEnvelope.read(JsonFactory.readFrom(text).asObject())).as(text).isEmpty();
        }
    }

    @Test
    void anEnvelopeTheAdapterRefusesIsNeverReadDirectly() {
        for (final String text : LEFT_TO_THE_ADAPTER) {
            final JsonObject envelope = JsonFactory.readFrom(text).asObject();
            boolean refused;
            try {
                ADAPTER.fromAdaptable(ProtocolFactory.jsonifiableAdaptableFromJson(envelope));
                refused = false;
            } catch (final RuntimeException e) {
                refused = true;
            }
            if (refused) {
                assertThat(WriteEnvelope.read(envelope)).as(text).isEmpty();
            }
        }
        // at least the invalid ids, keys and headers of the list are refused by the adapter
        assertThat(LEFT_TO_THE_ADAPTER.stream().filter(WriteEnvelopeTest::refusedByTheAdapter).count())
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void aMergeIsAnsweredAsDittosAdapterRendersItsResponse() {
        final ThingId thingId = ThingId.of("org.example:machine-1");
        final JsonPointer path = JsonPointer.of("/features");
        final MergeThing merge = MergeThing.of(thingId, path, JsonObject.empty(), DittoHeaders.empty());
        final DittoHeaders headers = DittoHeaders.newBuilder().correlationId("c-merge").build();
        final EntityTag eTag = EntityTag.fromString("\"rev:7\"");

        final String answer = CommandHandler.success(merge,
                ProtocolFactory.newTopicPathBuilder(thingId).things().twin().commands().merge().build(), path,
                ApiResponse.noContent(Optional.of(eTag)), "c-merge", () -> headers);

        final Signal<?> response = MergeThingResponse.of(thingId, path,
                headers.toBuilder().eTag(eTag).build());
        assertThat(JsonFactory.readFrom(answer)).isEqualTo(
                ProtocolFactory.wrapAsJsonifiableAdaptable(ADAPTER.toAdaptable(response)).toJson());
    }

    @Test
    void aCreatedPropertyIsAnsweredAsDittosAdapterRendersItsResponse() {
        final ThingId thingId = ThingId.of("org.example:machine-1");
        final JsonPointer path = JsonPointer.of("/features/spindle/properties/speed");
        final var modify = org.eclipse.ditto.things.model.signals.commands.modify.ModifyFeatureProperty.of(thingId,
                "spindle", JsonPointer.of("speed"), JsonFactory.readFrom("{\"rpm\":\"1\\\"2\"}"),
                DittoHeaders.empty());
        final DittoHeaders headers = DittoHeaders.newBuilder().correlationId("c-\"created\"").build();
        final EntityTag eTag = EntityTag.fromString("\"hash:1a\"");

        final String answer = CommandHandler.success(modify,
                ProtocolFactory.newTopicPathBuilder(thingId).things().twin().commands().modify().build(), path,
                ApiResponse.created(modify.getPropertyValue(), Optional.of(eTag), "/unused"), "c-\"created\"",
                () -> headers);

        final Signal<?> response = org.eclipse.ditto.things.model.signals.commands.modify
                .ModifyFeaturePropertyResponse.created(thingId, "spindle", JsonPointer.of("speed"),
                        modify.getPropertyValue(), headers.toBuilder().eTag(eTag).build());
        assertThat(JsonFactory.readFrom(answer)).isEqualTo(
                ProtocolFactory.wrapAsJsonifiableAdaptable(ADAPTER.toAdaptable(response)).toJson());
    }

    private static boolean refusedByTheAdapter(final String text) {
        try {
            ADAPTER.fromAdaptable(ProtocolFactory.jsonifiableAdaptableFromJson(JsonFactory.readFrom(text).asObject()));
            return false;
        } catch (final RuntimeException e) {
            return true;
        }
    }

    private static String env(final String topic, final String path, final String value, final String headers) {
        return "{\"topic\":\"" + topic + "\",\"headers\":" + headers + ",\"path\":\"" + path + "\",\"value\":" + value
                + "}";
    }
}
