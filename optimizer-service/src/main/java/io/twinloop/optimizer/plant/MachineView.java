package io.twinloop.optimizer.plant;

import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/**
 * What the optimizer reads of one machine's twin: its operational values (the {@code OperationalData} submodel's
 * ValueOnly properties), the desired values already requested, and the revision they were read at. Derived from
 * the twin and discarded with it; never a second copy of the truth. Immutable; the values agents and models read
 * for every candidate are parsed once.
 */
public final class MachineView {

    public static final String OPERATIONAL = "OperationalData";
    public static final String TECHNICAL = "TechnicalData";
    /** The line's shift calendar as the twin shows it (plan data, see {@code energy.TwinCalendar}). */
    public static final String CALENDAR = "ShiftCalendar";

    private final ThingId thingId;
    private final long revision;
    private final JsonObject operational;
    private final JsonObject desired;
    private final JsonObject technical;
    private final JsonObject calendar;
    private final String state;
    private final double speed;
    private final double requestedSpeed;
    private final double health;
    private final double powerKw;

    /**
     * @param revision the twin revision this view was read at (desired writes are conditional on it)
     * @param operational {@code features/OperationalData/properties}
     * @param desired {@code features/OperationalData/desiredProperties}
     * @param technical {@code features/TechnicalData/properties} (ratings, ranges)
     */
    public MachineView(final ThingId thingId, final long revision, final JsonObject operational,
            final JsonObject desired, final JsonObject technical) {
        this(thingId, revision, operational, desired, technical, JsonObject.empty());
    }

    /** @param calendar {@code features/ShiftCalendar/properties} (empty when the twin shows no calendar) */
    public MachineView(final ThingId thingId, final long revision, final JsonObject operational,
            final JsonObject desired, final JsonObject technical, final JsonObject calendar) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.thingId = Objects.requireNonNull(thingId, "thingId");
        this.revision = revision;
        this.operational = Objects.requireNonNull(operational, "operational");
        this.desired = Objects.requireNonNull(desired, "desired");
        this.technical = Objects.requireNonNull(technical, "technical");
        this.state = text("State").orElse("UNKNOWN");
        this.speed = number("Speed");
        this.requestedSpeed = desired.getValue("Speed").filter(JsonValue::isNumber).map(JsonValue::asDouble)
                .orElse(speed);
        this.health = number("HealthIndex");
        this.powerKw = number("PowerDraw");
    }

    /** From a thing's JSON (as retrieved, with {@code _revision}); missing parts are empty. */
    public static MachineView of(final ThingId thingId, final JsonObject thing) {
        return new MachineView(thingId, thing.getValue("_revision").filter(JsonValue::isNumber)
                .map(JsonValue::asLong).orElse(0L),
                object(thing, "features/" + OPERATIONAL + "/properties"),
                object(thing, "features/" + OPERATIONAL + "/desiredProperties"),
                object(thing, "features/" + TECHNICAL + "/properties"),
                object(thing, "features/" + CALENDAR + "/properties"));
    }

    private static JsonObject object(final JsonObject thing, final String pointer) {
        return thing.getValue(JsonPointer.of(pointer)).filter(JsonValue::isObject).map(JsonValue::asObject)
                .orElse(JsonObject.empty());
    }

    public ThingId thingId() {
        return thingId;
    }

    public long revision() {
        return revision;
    }

    public JsonObject operational() {
        return operational;
    }

    public JsonObject desired() {
        return desired;
    }

    public JsonObject technical() {
        return technical;
    }

    /** The shift calendar's properties as the twin shows them; empty when it shows none. */
    public JsonObject calendar() {
        return calendar;
    }

    /** Whether the twin describes a machine at all (has operational values). */
    public boolean isMachine() {
        return !operational.isEmpty();
    }

    public String state() {
        return state;
    }

    public String mode() {
        return text("Mode").orElse("UNKNOWN");
    }

    /** Speed the machine runs at, percent of nominal (NaN unknown). */
    public double speed() {
        return speed;
    }

    /** The speed requested already (desired), else the one it runs at: what it will run at. */
    public double requestedSpeed() {
        return requestedSpeed;
    }

    /** 1 new … 0 worn out. */
    public double health() {
        return health;
    }

    public double temperature() {
        return number("Temperature");
    }

    public double vibration() {
        return number("Vibration");
    }

    public double powerKw() {
        return powerKw;
    }

    public double partsProduced() {
        return number("PartsProduced");
    }

    public boolean maintenanceRequested() {
        return operational.getValue("MaintenanceRequest").filter(JsonValue::isBoolean).map(JsonValue::asBoolean)
                .orElse(false);
    }

    public boolean running() {
        return "RUNNING".equals(state);
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

    @Override
    public boolean equals(final Object o) {
        return o instanceof MachineView other && thingId.equals(other.thingId) && revision == other.revision
                && operational.equals(other.operational) && desired.equals(other.desired)
                && technical.equals(other.technical) && calendar.equals(other.calendar);
    }

    @Override
    public int hashCode() {
        return Objects.hash(thingId, revision, operational, desired, technical);
    }

    @Override
    public String toString() {
        return "MachineView[" + thingId + " rev " + revision + " " + state + " speed " + speed + "]";
    }
}
