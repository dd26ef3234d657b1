package io.twinloop.plant.opcua;

import io.twinloop.plant.machine.Command;
import io.twinloop.plant.machine.Job;
import io.twinloop.plant.machine.MachineSnapshot;
import io.twinloop.plant.machine.MachineState;
import io.twinloop.plant.machine.Mode;
import io.twinloop.plant.machine.QualityReading;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * The variables each machine shows under {@code Objects/Plant/<machine id>/}; the writable ones are setpoints.
 * Node ids are {@code ns=<urn:twinloop:plant>;s=<machine id>/<name>}, e.g. {@code s=cnc-1/Speed}.
 */
enum MachineVariable {

    KIND("Kind", NodeIds.String, "Machine kind", m -> Variant.ofString(m.kind().name())),
    STATE("State", NodeIds.String, "OFF, STANDBY, RUNNING, BLOCKED, FAILED or MAINTENANCE",
            m -> Variant.ofString(m.state().name())),
    MODE("Mode", NodeIds.String, "Requested mode, writable: OFF, STANDBY or RUN",
            m -> Variant.ofString(m.mode().name()), Decoders::mode),
    SPEED("Speed", NodeIds.Double, "Speed setpoint in % of nominal, writable within SpeedMin..SpeedMax",
            m -> Variant.ofDouble(m.speedPercent()), Decoders::speed),
    SPEED_MIN("SpeedMin", NodeIds.Double, "Lowest speed setpoint accepted, %",
            m -> Variant.ofDouble(m.kind().profile().speedRange().minPercent())),
    SPEED_MAX("SpeedMax", NodeIds.Double, "Highest speed setpoint accepted, %",
            m -> Variant.ofDouble(m.kind().profile().speedRange().maxPercent())),
    POWER("Power", NodeIds.Double, "Electrical power, kW", m -> Variant.ofDouble(m.powerKw())),
    ENERGY("Energy", NodeIds.Double, "Energy drawn since start, kWh", m -> Variant.ofDouble(m.energyKwh())),
    VIBRATION("Vibration", NodeIds.Double, "Vibration velocity, mm/s RMS", m -> Variant.ofDouble(m.vibration())),
    TEMPERATURE("Temperature", NodeIds.Double, "Temperature, °C", m -> Variant.ofDouble(m.temperature())),
    CURRENT("Current", NodeIds.Double, "Line current, A", m -> Variant.ofDouble(m.current())),
    HEALTH("Health", NodeIds.Double, "Probability (0..1) that a machine this worn is still working",
            m -> Variant.ofDouble(m.health())),
    WEAR_HOURS("WearHours", NodeIds.Double, "Accumulated wear, equivalent operating hours at nominal speed",
            m -> Variant.ofDouble(m.wearHours())),
    PARTS_PRODUCED("PartsProduced", NodeIds.Int64, "Parts made since start",
            m -> Variant.ofInt64(m.partsProduced())),
    JOBS_COMPLETED("JobsCompleted", NodeIds.Int64, "Jobs finished since start",
            m -> Variant.ofInt64(m.jobsCompleted())),
    FAILURES("Failures", NodeIds.Int64, "Breakdowns since start", m -> Variant.ofInt64(m.failures())),
    CURRENT_JOB("CurrentJob", NodeIds.String, "Job being worked on, empty when none",
            m -> Variant.ofString(m.currentJob().orElse(""))),
    JOB_SEQUENCE("JobSequence", NodeIds.String, "Jobs waiting, in order; writable: a reordering of them",
            m -> Variant.ofStringArray(m.jobQueue().toArray(String[]::new)), Decoders::jobSequence),
    JOB_DUE_DATES("JobDueDates", NodeIds.DateTime,
            "Due dates (simulated time) of the jobs waiting, in JobSequence's order",
            m -> Variant.ofDateTimeArray(m.waitingJobs().stream().map(job -> new DateTime(job.dueDate()))
                    .toArray(DateTime[]::new))),
    JOB_PARTS("JobParts", NodeIds.Int32, "Parts in each job waiting, in JobSequence's order",
            m -> Variant.ofInt32Array(m.waitingJobs().stream().mapToInt(Job::parts).toArray())),
    MAINTENANCE_REQUEST("MaintenanceRequest", NodeIds.Boolean,
            "True while in maintenance; write true to start maintenance (repair when failed)",
            m -> Variant.ofBoolean(m.state() == MachineState.MAINTENANCE), Decoders::maintenance),
    // Quality: only on machines that measure a quality characteristic (see appliesTo).
    DIMENSION_DEVIATION("DimensionDeviation", NodeIds.Double,
            "Deviation of the last part measured from the nominal dimension, µm",
            m -> Variant.ofDouble(quality(m).dimensionDeviationUm())),
    DIMENSION_TOLERANCE("DimensionTolerance", NodeIds.Double, "A part is good within ± this deviation, µm",
            m -> Variant.ofDouble(quality(m).toleranceUm())),
    TOOL_OFFSET("ToolOffset", NodeIds.Double, "Tool offset in µm, writable within ToolOffsetMin..ToolOffsetMax",
            m -> Variant.ofDouble(quality(m).toolOffsetUm()), Decoders::toolOffset),
    TOOL_OFFSET_MIN("ToolOffsetMin", NodeIds.Double, "Lowest tool offset accepted, µm",
            m -> Variant.ofDouble(quality(m).offsetMinUm())),
    TOOL_OFFSET_MAX("ToolOffsetMax", NodeIds.Double, "Highest tool offset accepted, µm",
            m -> Variant.ofDouble(quality(m).offsetMaxUm())),
    PARTS_SCRAPPED("PartsScrapped", NodeIds.Int64, "Parts measured beyond the tolerance since start (made again)",
            m -> Variant.ofInt64(quality(m).partsScrapped()));

    /**
     * The waiting jobs' arrays, element i of each about the same job: always written together, from one snapshot,
     * with one source timestamp (see {@code PlantNamespace}).
     */
    static final Set<MachineVariable> JOB_ARRAYS = EnumSet.of(JOB_SEQUENCE, JOB_DUE_DATES, JOB_PARTS);

    private final String browseName;
    private final NodeId dataType;
    private final String description;
    private final Function<MachineSnapshot, Variant> read;
    private final Decoder decoder;

    MachineVariable(final String browseName, final NodeId dataType, final String description,
            final Function<MachineSnapshot, Variant> read) {
        this(browseName, dataType, description, read, null);
    }

    MachineVariable(final String browseName, final NodeId dataType, final String description,
            final Function<MachineSnapshot, Variant> read, final Decoder decoder) {
        this.browseName = browseName;
        this.dataType = dataType;
        this.description = description;
        this.read = read;
        this.decoder = decoder;
    }

    String browseName() {
        return browseName;
    }

    NodeId dataType() {
        return dataType;
    }

    String description() {
        return description;
    }

    boolean isArray() {
        return JOB_ARRAYS.contains(this);
    }

    /** Whether a machine shows this variable: the quality ones only where a quality characteristic is measured. */
    boolean appliesTo(final MachineSnapshot machine) {
        return !EnumSet.range(DIMENSION_DEVIATION, PARTS_SCRAPPED).contains(this) || machine.quality().isPresent();
    }

    private static QualityReading quality(final MachineSnapshot machine) {
        return machine.quality().orElseThrow(() -> new IllegalStateException(machine.id()
                + " measures no quality characteristic"));
    }

    boolean isWritable() {
        return decoder != null;
    }

    Variant read(final MachineSnapshot machine) {
        return read.apply(machine);
    }

    /** The command a written value asks for; empty when the write changes nothing (MaintenanceRequest=false). */
    Optional<Command> decode(final String machineId, final Object value) throws UaException {
        if (decoder == null) {
            throw new UaException(StatusCodes.Bad_NotWritable);
        }
        return decoder.decode(machineId, value);
    }

    static Optional<MachineVariable> byBrowseName(final String name) {
        return Arrays.stream(values()).filter(variable -> variable.browseName.equals(name)).findFirst();
    }

    @FunctionalInterface
    private interface Decoder {
        Optional<Command> decode(String machineId, Object value) throws UaException;
    }

    /** Value → command. The node's data type is checked by Milo before these run. */
    private static final class Decoders {

        static Optional<Command> mode(final String machineId, final Object value) throws UaException {
            final Mode mode = Mode.parse((String) value).orElseThrow(() -> new UaException(
                    StatusCodes.Bad_OutOfRange, "mode '" + value + "' is none of " + Arrays.toString(Mode.values())));
            return Optional.of(new Command.SetMode(machineId, mode));
        }

        static Optional<Command> speed(final String machineId, final Object value) {
            return Optional.of(new Command.SetSpeed(machineId, (Double) value));
        }

        static Optional<Command> toolOffset(final String machineId, final Object value) {
            return Optional.of(new Command.SetToolOffset(machineId, (Double) value));
        }

        static Optional<Command> jobSequence(final String machineId, final Object value) {
            return Optional.of(new Command.SetJobSequence(machineId, Arrays.asList((String[]) value)));
        }

        static Optional<Command> maintenance(final String machineId, final Object value) {
            return Boolean.TRUE.equals(value) ? Optional.of(new Command.RequestMaintenance(machineId))
                    : Optional.empty();
        }
    }
}
