package io.twinloop.ditto.hono;

import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;

/** Devices as module connectors reads them from the example AAS ({@code examples/hono-devices.aas.json}) and more. */
final class HonoDevicesForTests {

    private HonoDevicesForTests() {
    }

    static HonoDataPoint in(final String name, final String feature, final String property, final String xsd,
            final String wot, final double min, final double max) {
        return new HonoDataPoint(name, feature, JsonPointer.of(property), xsd, Optional.of(wot), Optional.empty(),
                Optional.of(new HonoDataPoint.Bounds(min, max)), List.of(), false);
    }

    static HonoDataPoint in(final String name, final String feature, final String property, final String xsd) {
        return new HonoDataPoint(name, feature, JsonPointer.of(property), xsd, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), false);
    }

    static HonoDataPoint both(final String name, final String feature, final String property, final String xsd,
            final String wot, final Optional<HonoDataPoint.Bounds> bounds, final List<String> allowed) {
        return new HonoDataPoint(name, feature, JsonPointer.of(property), xsd, Optional.of(wot), Optional.empty(),
                bounds, allowed, true);
    }

    /** The line energy meter: device id is not the thing id. */
    static HonoDevice meter() {
        return new HonoDevice("twinloop", "meter-01", ThingId.of("demo:Meter01"), List.of(
                in("power", "OperationalData", "ActivePower", "xs:double", "number", 0, 500),
                in("voltage", "OperationalData", "Voltage", "xs:double", "number", 0, 400),
                in("energy", "OperationalData", "EnergyTotal", "xs:double"),
                both("interval", "OperationalData", "ReportingInterval", "xs:int", "integer",
                        Optional.of(new HonoDataPoint.Bounds(1, 3600)), List.of())));
    }

    /** A press whose Hono device id is its thing id, so Ditto's Hono connection can send it commands. */
    static HonoDevice press() {
        return new HonoDevice("twinloop", "demo:Press01", ThingId.of("demo:Press01"), List.of(
                in("count", "OperationalData", "Counters/Strokes", "xs:long"),
                in("running", "OperationalData", "Running", "xs:boolean"),
                in("state", "OperationalData", "State", "xs:string"),
                both("mode", "OperationalData", "Mode", "xs:string", "string", Optional.empty(),
                        List.of("OFF", "STANDBY", "RUN")),
                both("force", "Setpoints", "Force", "xs:double", "number",
                        Optional.of(new HonoDataPoint.Bounds(10, 80)), List.of())));
    }
}
