package io.twinloop.cli.twin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;

import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.plant.line.LineLayout;

/**
 * The demo's shop floor, as many times over as a load test needs: line {@code k} has the machines {@code press-k},
 * {@code cnc-k}, {@code robot-k} and {@code conveyor-k} (one long serial line in the plant), and its twins are the
 * demo's machine twins renamed ({@code demo:CNC01} → {@code demo:CNC0k}) with their AID pointing at line k's nodes.
 * One line is exactly the demo.
 *
 * @param lines how many copies of the demo line, 1 to 99
 */
public record DemoLines(int lines) {

    /** The demo twins with an OPC UA interface, by the plant machine they describe on line 1. */
    private static final Map<String, ThingId> LINE_ONE = orderedMachines();
    private static final JsonPointer AID = JsonPointer.of("features/AssetInterfacesDescription");

    public DemoLines {
        if (lines < 1 || lines > 99) {
            throw new IllegalArgumentException("lines must be 1..99, was " + lines);
        }
    }

    public static DemoLines demo() {
        return new DemoLines(1);
    }

    private static Map<String, ThingId> orderedMachines() {
        final Map<String, ThingId> machines = new LinkedHashMap<>();
        machines.put("cnc-1", ThingId.of("demo:CNC01"));
        machines.put("press-1", ThingId.of("demo:Press01"));
        machines.put("robot-1", ThingId.of("demo:Robot01"));
        return machines;
    }

    /** The plant: the default line's machines, once per line, in flow order. */
    public LineLayout layout() {
        final LineLayout.Builder layout = LineLayout.builder();
        for (int k = 1; k <= lines; k++) {
            for (final LineLayout.Station station : LineLayout.defaultLine().stations()) {
                layout.machine(onLine(station.id(), k), station.kind());
            }
        }
        return layout.build();
    }

    /** The twins with an OPC UA interface: the plant machine id → its twin. */
    public Map<String, ThingId> machines() {
        final Map<String, ThingId> machines = new LinkedHashMap<>();
        for (int k = 1; k <= lines; k++) {
            for (final Map.Entry<String, ThingId> machine : LINE_ONE.entrySet()) {
                machines.put(onLine(machine.getKey(), k), onLine(machine.getValue(), k));
            }
        }
        return machines;
    }

    /** The demo's twins, plus each further line's copies of the machine twins. */
    public List<MappedThing> things() {
        final List<MappedThing> demo = DemoPlant.things();
        final List<MappedThing> things = new ArrayList<>(demo);
        for (int k = 2; k <= lines; k++) {
            for (final MappedThing thing : demo) {
                for (final Map.Entry<String, ThingId> machine : LINE_ONE.entrySet()) {
                    if (machine.getValue().toString().equals(thing.thingId())) {
                        things.add(copy(thing.thing(), machine.getKey(), k));
                    }
                }
            }
        }
        return things;
    }

    /** Line one's twin for line {@code k}: another thing id, and its AID naming line k's nodes. */
    private static MappedThing copy(final Thing lineOne, final String machine, final int k) {
        final JsonObject json = lineOne.toJson();
        final String aid = json.getValue(AID).orElseThrow(() -> new IllegalStateException(
                "the demo twin " + lineOne.getEntityId().orElseThrow() + " has no AssetInterfacesDescription"))
                .toString().replace("s=" + machine + "/", "s=" + onLine(machine, k) + "/");
        final ThingId id = onLine(lineOne.getEntityId().orElseThrow(), k);
        return MappedThing.of(ThingsModelFactory.newThing(json.setValue(AID, JsonFactory.readFrom(aid))
                .setValue(Thing.JsonFields.ID.getPointer(), id.toString())), "demo line " + k, List.of());
    }

    static String onLine(final String machineId, final int line) {
        return machineId.substring(0, machineId.lastIndexOf('-') + 1) + line;
    }

    static ThingId onLine(final ThingId twin, final int line) {
        final String name = twin.getName();
        return ThingId.of(twin.getNamespace(), name.substring(0, name.length() - 2) + String.format("%02d", line));
    }
}
