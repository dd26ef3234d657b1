package io.twinloop.scenarios.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingMapper;
import io.twinloop.optimizer.energy.TwinCalendar;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.plant.machine.MachineKind;
import io.twinloop.plant.machine.RestartProfile;
import io.twinloop.scenarios.scenario.Scenario;
import io.twinloop.scenarios.scenario.ShiftCalendar;
import io.twinloop.scenarios.scenario.Station;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.ditto.things.model.ThingId;

/**
 * The twins of a scenario's line, one AAS shell per machine, made from the demo plant's AAS (the project's own
 * example, {@code examples/demo-plant.aas.json}): the CNC's shell for a CNC, the press's for a press, the robot
 * cell's for a robot cell and for a conveyor (the demo has no conveyor shell; the robot's speed limits, 50–140 %,
 * lie within the conveyor's). Each copy gets its own ids, its AID names the machine's OPC UA nodes and the plant's
 * actual endpoint, and mapped with aas-mapping it becomes the thing the OPC UA connector and the optimizer work on.
 *
 * <p><b>What the twins do not show.</b> The demo's AID maps the plant's {@code Health} node (the simulator's
 * survival probability at its hidden wear) to {@code OperationalData/HealthIndex}. A real machine shows no such
 * value, and the benchmark's rule is that no policy reads the simulator's hidden health; so the copies drop that
 * AID property, its AIMC relation and the {@code HealthIndex} element. The maintenance agent then judges from
 * vibration, as it does for any twin without a health index.
 *
 * <p><b>What they show besides the demo's.</b> The line's shift calendar, in a submodel {@code ShiftCalendar} of
 * every shell (plan data, mapped to the feature of that name), and the kind's warm-up after OFF/STANDBY in
 * {@code TechnicalData} (the maker's figures): what the optimizer's shift-off agent plans with.
 *
 * <p>The plant's clock ({@code SimulationTime}) is sampled as often as every other node (the demo samples it once a
 * second of wall time, which would hold up every step of a stepped run).
 */
public final class ScenarioTwins {

    public static final String NAMESPACE = "bench";
    private static final String TEMPLATE_RESOURCE = "demo-plant.aas.json";
    private static final String TEMPLATE_ENDPOINT = "opc.tcp://localhost:4840/twinloop/plant";
    /** What the demo shows that a real machine does not: the simulator's health. */
    private static final Set<String> HIDDEN = Set.of("Health", "HealthIndex");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ThingId> machines;
    private final List<MappedThing> things;

    private ScenarioTwins(final Map<String, ThingId> machines, final List<MappedThing> things) {
        this.machines = machines;
        this.things = things;
    }

    /** The demo shell a plant kind's twin is copied from, and the demo machine its AID names. */
    private record Template(String shell, String machine) {

        static Template of(final MachineKind kind) {
            return switch (kind) {
                case CNC_MACHINING -> new Template("CNC01", "cnc-1");
                case PRESS -> new Template("Press01", "press-1");
                case ROBOT_CELL, CONVEYOR -> new Template("Robot01", "robot-1");
            };
        }
    }

    /**
     * @param endpoint the plant's OPC UA endpoint the twins' AIDs are to name
     * @param sampling the requested sampling interval of the plant's clock node (whole milliseconds, ≥ 1)
     */
    public static ScenarioTwins of(final Scenario scenario, final String endpoint, final Duration sampling) {
        final ObjectNode template = template();
        final ObjectNode environment = JSON.createObjectNode();
        final ArrayNode shells = environment.putArray("assetAdministrationShells");
        final ArrayNode submodels = environment.putArray("submodels");
        environment.set("conceptDescriptions", template.path("conceptDescriptions").deepCopy());
        final Map<String, ThingId> machines = new LinkedHashMap<>();
        final List<Station> stations = scenario.stations();
        for (int i = 0; i < stations.size(); i++) {
            final Station station = stations.get(i);
            final Template from = Template.of(station.simulatedAs());
            final String shellName = String.format("S%02d_%s", i + 1, station.id().replace('-', '_'));
            final JsonNode shell = find(template.path("assetAdministrationShells"), from.shell());
            final ObjectNode shellCopy = (ObjectNode) copy(shell, from, shellName, station.id(), endpoint, sampling);
            for (final JsonNode reference : shell.path("submodels")) {
                final String submodelId = reference.path("keys").path(0).path("value").asText();
                final JsonNode submodel = copy(findById(template.path("submodels"), submodelId), from, shellName,
                        station.id(), endpoint, sampling);
                if (MachineView.TECHNICAL.equals(submodel.path("idShort").asText())) {
                    addWarmUp((ObjectNode) submodel, station.simulatedAs().profile().restart());
                }
                submodels.add(submodel);
            }
            final String calendarId = "urn:twinloop:bench:sm:" + shellName + ":" + MachineView.CALENDAR;
            submodels.add(calendar(calendarId, scenario.calendar()));
            ((ArrayNode) shellCopy.withArray("submodels")).addObject().put("type", "ModelReference")
                    .putArray("keys").addObject().put("type", "Submodel").put("value", calendarId);
            shells.add(shellCopy);
            machines.put(station.id(), ThingId.of(NAMESPACE, shellName));
        }
        return new ScenarioTwins(Collections.unmodifiableMap(machines), map(scenario, environment));
    }

    /**
     * The line's shift calendar as plan data every machine's twin shows (feature {@code ShiftCalendar}): what an
     * operator's planning system publishes, read by the optimizer's shift-off agent ({@code TwinCalendar}).
     */
    private static ObjectNode calendar(final String id, final ShiftCalendar calendar) {
        final ObjectNode submodel = JSON.createObjectNode();
        submodel.put("modelType", "Submodel").put("id", id).put("idShort", MachineView.CALENDAR)
                .put("kind", "Instance");
        final ArrayNode elements = submodel.putArray("submodelElements");
        property(elements, TwinCalendar.SHIFTS_PER_DAY, "xs:int", Integer.toString(calendar.shiftsPerDay()));
        property(elements, TwinCalendar.SHIFT_HOURS, "xs:double", Double.toString(calendar.shiftHours()));
        property(elements, TwinCalendar.FIRST_SHIFT_STARTS, "xs:string", calendar.firstShiftStarts().toString());
        property(elements, TwinCalendar.WORKING_DAYS, "xs:string", calendar.workingDays().stream().sorted()
                .map(DayOfWeek::name).collect(Collectors.joining(",")));
        property(elements, TwinCalendar.ZONE, "xs:string", calendar.zone().getId());
        return submodel;
    }

    /** The maker's warm-up figures for this kind, as technical data (the plant's {@code RestartProfile}). */
    private static void addWarmUp(final ObjectNode technical, final RestartProfile restart) {
        final ArrayNode elements = technical.withArray("submodelElements");
        property(elements, TwinCalendar.WARM_UP_FROM_OFF, "xs:double",
                Double.toString(restart.fromOff().toMillis() / 60_000.0));
        property(elements, TwinCalendar.WARM_UP_FROM_STANDBY, "xs:double",
                Double.toString(restart.fromStandby().toMillis() / 60_000.0));
        property(elements, TwinCalendar.WARM_UP_POWER, "xs:double", Double.toString(restart.warmUpKw()));
    }

    private static void property(final ArrayNode elements, final String idShort, final String type,
            final String value) {
        elements.addObject().put("modelType", "Property").put("idShort", idShort).put("valueType", type)
                .put("value", value);
    }

    private static ObjectNode template() {
        try (InputStream in = ScenarioTwins.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the twin templates " + TEMPLATE_RESOURCE + " are missing beside "
                        + ScenarioTwins.class.getName() + " (copied from examples/ by the build)");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read the twin templates " + TEMPLATE_RESOURCE, e);
        }
    }

    private static JsonNode find(final JsonNode shells, final String idShort) {
        for (final JsonNode shell : shells) {
            if (idShort.equals(shell.path("idShort").asText())) {
                return shell;
            }
        }
        throw new IllegalStateException("the twin templates have no shell " + idShort);
    }

    private static JsonNode findById(final JsonNode submodels, final String id) {
        for (final JsonNode submodel : submodels) {
            if (id.equals(submodel.path("id").asText())) {
                return submodel;
            }
        }
        throw new IllegalStateException("the twin templates have no submodel " + id);
    }

    /** The template's element for this machine: renamed, pointed at its nodes, without the hidden health. */
    private static JsonNode copy(final JsonNode element, final Template from, final String shellName,
            final String machineId, final String endpoint, final Duration sampling) {
        try {
            final String text = JSON.writeValueAsString(element)
                    .replace(from.shell(), shellName)
                    .replace("s=" + from.machine() + "/", "s=" + machineId + "/")
                    .replace(TEMPLATE_ENDPOINT, endpoint);
            final JsonNode copy = JSON.readTree(text);
            dropHidden(copy);
            sampleEvery(copy, sampling);
            return copy;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void dropHidden(final JsonNode node) {
        if (node.isArray()) {
            final ArrayNode array = (ArrayNode) node;
            for (int i = array.size() - 1; i >= 0; i--) {
                final JsonNode element = array.get(i);
                if (HIDDEN.contains(element.path("idShort").asText()) || relatesHidden(element)) {
                    array.remove(i);
                } else {
                    dropHidden(element);
                }
            }
        } else if (node.isObject()) {
            node.elements().forEachRemaining(ScenarioTwins::dropHidden);
        }
    }

    /** An AIMC relation whose source or sink is a hidden element. */
    private static boolean relatesHidden(final JsonNode element) {
        if (!"RelationshipElement".equals(element.path("modelType").asText())) {
            return false;
        }
        for (final String end : List.of("first", "second")) {
            for (final JsonNode key : element.path(end).path("keys")) {
                if (HIDDEN.contains(key.path("value").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void sampleEvery(final JsonNode node, final Duration sampling) {
        if (node.isObject() && "twinloop_samplingInterval".equals(node.path("idShort").asText())) {
            ((ObjectNode) node).put("value", Long.toString(Math.max(1, sampling.toMillis())));
        }
        node.elements().forEachRemaining(child -> sampleEvery(child, sampling));
    }

    private static List<MappedThing> map(final Scenario scenario, final ObjectNode environment) {
        try {
            final Path folder = Files.createTempDirectory("twinloop-bench-twins");
            // the file name names the environment's own thing
            final Path file = folder.resolve(scenario.name().replaceAll("[^A-Za-z0-9_-]", "_") + ".aas.json");
            try {
                JSON.writeValue(file.toFile(), environment);
                final AasPackage aas = EnvironmentReader.newInstance().read(file);
                return ThingMapper.of(MappingOptions.of(NAMESPACE)).map(List.of(aas)).things();
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(folder);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot map the twins of scenario " + scenario.name(), e);
        }
    }

    /** Plant machine id → its twin, for every machine of the line. */
    public Map<String, ThingId> machines() {
        return machines;
    }

    /** Every thing to put into the twin server (the machines' and the environment's). */
    public List<MappedThing> things() {
        return things;
    }
}
