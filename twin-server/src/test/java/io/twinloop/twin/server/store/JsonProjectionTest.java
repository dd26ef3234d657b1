package io.twinloop.twin.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.junit.jupiter.api.Test;

/** What a search sees of a stored thing: exactly the asked-for parts of its JSON, nothing parsed beyond them. */
class JsonProjectionTest {

    private static final String THING = "{\"_revision\":3,\"_modified\":\"2026-11-22T07:00:00Z\","
            + "\"_namespace\":\"ns\",\"thingId\":\"ns:t\",\"policyId\":\"ns:p\","
            + "\"attributes\":{\"serial\":\"S-1\",\"list\":[{\"x\":1}],\"n\":5,\"esc\\\"aped\":true},"
            + "\"features\":{\"press\":{\"properties\":{\"force\":80,\"mode\":\"auto\"}},"
            + "\"cnc\":{\"properties\":{\"force\":10}}}}";

    private static JsonObject project(final String... pointers) {
        return JsonProjection.of(THING.getBytes(StandardCharsets.UTF_8),
                List.of(pointers).stream().map(JsonPointer::of).toList());
    }

    @Test
    void keepsTheIdentityAndExactlyTheAskedForFields() {
        assertThat(project("features/press/properties/force", "_modified")).isEqualTo(JsonObject.of(
                "{\"thingId\":\"ns:t\",\"policyId\":\"ns:p\",\"_namespace\":\"ns\","
                        + "\"features\":{\"press\":{\"properties\":{\"force\":80}}},"
                        + "\"_modified\":\"2026-11-22T07:00:00Z\"}"));
    }

    @Test
    void aWildcardOrANonObjectKeepsTheWholeValueFromThere() {
        assertThat(project("features/*/properties/force").getValue("features"))
                .contains(JsonObject.of(THING).getValue("features").orElseThrow());
        // a path into an array or a number keeps that value: a filter then sees what it sees on the whole thing
        assertThat(project("attributes/list/x").getValue("attributes/list"))
                .contains(JsonObject.of(THING).getValue("attributes/list").orElseThrow());
        assertThat(project("attributes/n/deeper").getValue("attributes/n"))
                .contains(JsonObject.of(THING).getValue("attributes/n").orElseThrow());
    }

    @Test
    void absentFieldsStayAbsentAndEscapedKeysAreFound() {
        assertThat(project("attributes/missing", "features/robot/properties/x").getValue("attributes")).isEmpty();
        assertThat(project("attributes/esc\"aped").getValue(JsonPointer.empty()
                .addLeaf(org.eclipse.ditto.json.JsonKey.of("attributes"))
                .addLeaf(org.eclipse.ditto.json.JsonKey.of("esc\"aped")))).isPresent();
    }

    @Test
    void bytesThatAreNoJsonObjectAreRefused() {
        assertThatThrownBy(() -> JsonProjection.of("[1,2]".getBytes(StandardCharsets.UTF_8), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
