package io.twinloop.optimizer.quality;

import java.util.Optional;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.plant.MachineView;

/**
 * What one machine's twin shows of its quality characteristic, checked: the last part's deviation and the parts
 * count ({@code OperationalData}), the tool offset (actual and desired), and what the AAS declares in
 * {@code TechnicalData}: the tolerance and the offset's allowed range.
 *
 * @param deviationUm {@code OperationalData/DimensionDeviation}
 * @param partsProduced {@code OperationalData/PartsProduced}
 * @param offsetUm {@code OperationalData/ToolOffset}, what the machine applies
 * @param requestedOffsetUm the desired ToolOffset if one is requested, else the offset
 * @param toleranceUm {@code TechnicalData/DimensionTolerance}
 * @param offsetMinUm {@code TechnicalData/ToolOffsetSetting/min}
 * @param offsetMaxUm {@code TechnicalData/ToolOffsetSetting/max}
 */
public record QualitySignal(ThingId thingId, long revision, double deviationUm, long partsProduced, double offsetUm,
        double requestedOffsetUm, double toleranceUm, double offsetMinUm, double offsetMaxUm) {

    public static final String DEVIATION = "DimensionDeviation";
    public static final String OFFSET = "ToolOffset";
    public static final String PARTS = "PartsProduced";
    public static final String TOLERANCE = "DimensionTolerance";
    public static final String OFFSET_SETTING = "ToolOffsetSetting";

    /** Whether the twin shows a quality characteristic at all (machines without one are no concern of quality). */
    public static boolean shownBy(final MachineView machine) {
        return machine.operational().getValue(JsonPointer.of(DEVIATION)).isPresent();
    }

    /**
     * Reads and checks the signal.
     *
     * @throws QualityDataException naming the thing and the property when a value is missing, not a finite number,
     *         or contradicts the declared bounds
     */
    public static QualitySignal of(final MachineView machine) {
        final ThingId id = machine.thingId();
        final JsonObject operational = machine.operational();
        final JsonObject technical = machine.technical();
        final double deviation = number(id, operational, MachineView.OPERATIONAL, DEVIATION);
        final double parts = number(id, operational, MachineView.OPERATIONAL, PARTS);
        if (parts < 0 || parts != Math.rint(parts)) {
            throw new QualityDataException(id, MachineView.OPERATIONAL + "/" + PARTS,
                    "must be a whole number >= 0, was " + parts);
        }
        final double offset = number(id, operational, MachineView.OPERATIONAL, OFFSET);
        final double tolerance = number(id, technical, MachineView.TECHNICAL, TOLERANCE);
        if (!(tolerance > 0)) {
            throw new QualityDataException(id, MachineView.TECHNICAL + "/" + TOLERANCE, "must be > 0, was "
                    + tolerance);
        }
        final JsonObject setting = technical.getValue(JsonPointer.of(OFFSET_SETTING)).filter(JsonValue::isObject)
                .map(JsonValue::asObject).orElseThrow(() -> new QualityDataException(id, MachineView.TECHNICAL + "/"
                        + OFFSET_SETTING, "is missing or not a range {min, max}: the offset's bounds are unknown"));
        final String settingPath = MachineView.TECHNICAL + "/" + OFFSET_SETTING;
        final double min = number(id, setting, settingPath, "min");
        final double max = number(id, setting, settingPath, "max");
        if (min > max) {
            throw new QualityDataException(id, settingPath, "min " + min + " is above max " + max);
        }
        if (offset < min || offset > max) {
            throw new QualityDataException(id, MachineView.OPERATIONAL + "/" + OFFSET, "is " + offset
                    + ", outside the declared " + settingPath + " [" + min + ", " + max + "]");
        }
        final Optional<JsonValue> desired = machine.desired(OFFSET);
        final double requested;
        if (desired.isPresent()) {
            if (!desired.get().isNumber() || !Double.isFinite(desired.get().asDouble())) {
                throw new QualityDataException(id, MachineView.OPERATIONAL + "/desiredProperties/" + OFFSET,
                        "must be a finite number, was " + desired.get());
            }
            requested = desired.get().asDouble();
        } else {
            requested = offset;
        }
        return new QualitySignal(id, machine.revision(), deviation, (long) parts, offset, requested, tolerance, min,
                max);
    }

    private static double number(final ThingId id, final JsonObject object, final String where,
            final String property) {
        final JsonValue value = object.getValue(JsonPointer.of(property)).orElseThrow(() ->
                new QualityDataException(id, where + "/" + property, "is missing"));
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw new QualityDataException(id, where + "/" + property, "must be a finite number, was " + value);
        }
        return value.asDouble();
    }

    /** A correction is on its way: a desired offset differs from the applied one. */
    public boolean correctionPending() {
        return requestedOffsetUm != offsetUm;
    }
}
