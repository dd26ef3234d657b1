package io.twinloop.optimizer.plant;

import java.util.Optional;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/**
 * What the optimizer reads of one machine's twin: its operational values (the {@code OperationalData} submodel's
 * ValueOnly properties), the desired values already requested, and the revision they were read at. Derived from
 * the twin and discarded with it; never a second copy of the truth.
 *
 * @param thingId the machine's twin
 * @param revision the twin revision this view was read at (desired writes are conditional on it)
 * @param operational {@code features/OperationalData/properties}
 * @param desired {@code features/OperationalData/desiredProperties}
 * @param technical {@code features/TechnicalData/properties} (ratings, ranges)
 */
public record MachineView(ThingId thingId, long revision, JsonObject operational, JsonObject desired,
        JsonObject technical) {

    public static final String OPERATIONAL = "OperationalData";
    public static final String TECHNICAL = "TechnicalData";

    /** From a thing's JSON (as retrieved, with {@code _revision}); missing parts are empty. */
    public static MachineView of(final ThingId thingId, final JsonObject thing) {
        return new MachineView(thingId, thing.getValue("_revision").filter(JsonValue::isNumber)
                .map(JsonValue::asLong).orElse(0L),
                object(thing, "features/" + OPERATIONAL + "/properties"),
                object(thing, "features/" + OPERATIONAL + "/desiredProperties"),
                object(thing, "features/" + TECHNICAL + "/properties"));
    }

    private static JsonObject object(final JsonObject thing, final String pointer) {
        return thing.getValue(JsonPointer.of(pointer)).filter(JsonValue::isObject).map(JsonValue::asObject)
                .orElse(JsonObject.empty());
    }

    /** Whether the twin describes a machine at all (has operational values). */
    public boolean isMachine() {
        return !operational.isEmpty();
    }

    public String state() {
        return text("State").orElse("UNKNOWN");
    }

    public String mode() {
        return text("Mode").orElse("UNKNOWN");
    }

    /** Speed setting, percent of nominal. */
    public double speed() {
        return number("Speed");
    }

    /** 1 new … 0 worn out. */
    public double health() {
        return number("HealthIndex");
    }

    public double temperature() {
        return number("Temperature");
    }

    public double vibration() {
        return number("Vibration");
    }

    public double powerKw() {
        return number("PowerDraw");
    }

    public double partsProduced() {
        return number("PartsProduced");
    }

    public boolean maintenanceRequested() {
        return operational.getValue("MaintenanceRequest").filter(JsonValue::isBoolean).map(JsonValue::asBoolean)
                .orElse(false);
    }

    public boolean running() {
        return "RUNNING".equals(state());
    }

    /** A numeric operational value, NaN when absent or not a number. */
    public double number(final String property) {
        return operational.getValue(JsonPointer.of(property)).filter(JsonValue::isNumber).map(JsonValue::asDouble)
                .orElse(Double.NaN);
    }

    public Optional<String> text(final String property) {
        return operational.getValue(JsonPointer.of(property)).filter(JsonValue::isString).map(JsonValue::asString);
    }

    /** A desired value already requested for this operational property. */
    public Optional<JsonValue> desired(final String property) {
        return desired.getValue(JsonPointer.of(property));
    }
}
