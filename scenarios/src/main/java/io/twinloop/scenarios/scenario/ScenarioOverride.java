package io.twinloop.scenarios.scenario;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * One value of a scenario file replaced before it is validated, as {@code bench plant --set POINTER=JSON} gives it:
 * how a tuning procedure tries candidate settings (a calendar interval, a vibration limit, the twinloop policy's
 * urgent risk) without copies of the file. The value is checked like the file's own (range, unknown fields), and
 * every run names the overrides it ran with.
 *
 * @param pointer a JSON Pointer into the scenario, e.g. {@code /policies/twinloop/urgentRisk}; missing objects on
 *         the way are created
 * @param value the JSON value to put there
 */
public record ScenarioOverride(String pointer, JsonNode value) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ScenarioOverride {
        Objects.requireNonNull(value, "value");
        if (pointer == null || !pointer.startsWith("/") || pointer.endsWith("/")) {
            throw new IllegalArgumentException("override '" + pointer + "': the path must be a JSON Pointer such as"
                    + " /policies/twinloop/urgentRisk");
        }
    }

    /**
     * Reads {@code POINTER=JSON}, e.g. {@code /policies/baseline/maintenanceIntervalHours=48} or
     * {@code /goal/horizon="PT12H"}.
     *
     * @throws IllegalArgumentException naming the override when it has no {@code =}, a bad pointer or a value
     *         that is not JSON
     */
    public static ScenarioOverride parse(final String text) {
        final int equals = text.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("override '" + text + "': expected POINTER=JSON, e.g. "
                    + "/policies/twinloop/urgentRisk=0.25");
        }
        final String value = text.substring(equals + 1);
        final JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (final JsonProcessingException e) {
            throw new IllegalArgumentException("override '" + text + "': the value " + value + " is not JSON (quote"
                    + " a string: \"PT12H\")");
        }
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("override '" + text + "': no value after '='");
        }
        return new ScenarioOverride(text.substring(0, equals), node);
    }

    JsonPointer jsonPointer() {
        return JsonPointer.compile(pointer);
    }

    /** As given: {@code POINTER=JSON}. */
    @Override
    public String toString() {
        return pointer + "=" + value;
    }
}
