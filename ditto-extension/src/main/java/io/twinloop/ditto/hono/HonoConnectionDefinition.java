package io.twinloop.ditto.hono;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonArrayBuilder;
import org.eclipse.ditto.json.JsonCollectors;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

/**
 * A Ditto connection of type {@code hono} for one Hono tenant, generated from the devices the assets' AAS declare,
 * with TwinLoop's JavaScript payload mapping: telemetry and events become merges of the twins' AAS-shaped features
 * (the rules of module connectors' Hono consumer), desired values become Hono commands (as its command path sends
 * them). The mapping scripts are templates in this jar ({@code twinloop-hono-incoming.js},
 * {@code twinloop-hono-outgoing.js}) with the tenant's device table put in front, so the connection needs nothing
 * but itself. Apply it with Ditto's connections API (README, "Hono through Ditto's connectivity").
 *
 * <p>Ditto's Hono connection sends every command to the Kafka key and {@code device_id} of the <em>thing id</em>
 * ({@code command} → {@code hono.command.<tenant>/<thingId>}, the only target address it accepts), and Hono takes a
 * command only if key and {@code device_id} are the device id. So desired values can reach only devices whose
 * {@code HonoDeviceId} is their twin's thing id; the target's filter selects exactly those, and every other device
 * with writable data points is named in {@link #warnings()}. Telemetry and events work for any device id: the
 * script finds the twin in its device table.
 *
 * @param tenantId the Hono tenant
 * @param connection the connection JSON, as Ditto's {@code POST /api/2/connections} and the devops
 *         {@code createConnection} command take it
 * @param warnings what the connection cannot do for some devices, each naming the device and the twin
 */
public record HonoConnectionDefinition(String tenantId, JsonObject connection, List<String> warnings) {

    public static final String INCOMING_SCRIPT = "twinloop-hono-incoming.js";
    public static final String OUTGOING_SCRIPT = "twinloop-hono-outgoing.js";

    /** Hono's default tenant id pattern. */
    private static final Pattern TENANT = Pattern.compile("[a-zA-Z0-9-_.]+");

    public HonoConnectionDefinition {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(connection, "connection");
        warnings = List.copyOf(warnings);
    }

    /** One definition per tenant the devices name, in tenant order. */
    public static List<HonoConnectionDefinition> forDevices(final List<HonoDevice> devices,
            final HonoConnectionSettings settings) {
        if (devices.isEmpty()) {
            throw new HonoConnectionException("No Hono connection can be made: no device behind Hono declared "
                    + "(specificAssetIds HonoTenantId and HonoDeviceId with AID/AIMC data points)");
        }
        final Map<String, List<HonoDevice>> byTenant = devices.stream()
                .collect(Collectors.groupingBy(HonoDevice::tenantId, TreeMap::new, Collectors.toList()));
        return byTenant.entrySet().stream().map(e -> forTenant(e.getKey(), e.getValue(), settings)).toList();
    }

    /** The connection of one tenant; every device must belong to it. */
    public static HonoConnectionDefinition forTenant(final String tenantId, final List<HonoDevice> devices,
            final HonoConnectionSettings settings) {
        if (!TENANT.matcher(tenantId).matches()) {
            throw new HonoConnectionException("Hono tenant '" + tenantId + "' is not a valid Hono tenant id "
                    + "(letters, digits, -_.)");
        }
        if (devices.isEmpty()) {
            throw new HonoConnectionException("Hono tenant " + tenantId + ": no device declared");
        }
        final Map<String, HonoDevice> byDevice = new LinkedHashMap<>();
        final Map<ThingId, String> byThing = new HashMap<>();
        for (final HonoDevice device : devices) {
            if (!device.tenantId().equals(tenantId)) {
                throw new HonoConnectionException("Device " + device.device() + " of twin " + device.thingId()
                        + " is not in tenant " + tenantId);
            }
            final HonoDevice before = byDevice.putIfAbsent(device.deviceId(), device);
            if (before != null) {
                throw new HonoConnectionException("Device " + device.device() + " is declared by two twins, "
                        + before.thingId() + " and " + device.thingId() + ": the mapping could not tell which "
                        + "twin its telemetry is for");
            }
            final String otherDevice = byThing.putIfAbsent(device.thingId(), device.deviceId());
            if (otherDevice != null) {
                throw new HonoConnectionException("Twin " + device.thingId() + " names two devices of tenant "
                        + tenantId + ", " + otherDevice + " and " + device.deviceId());
            }
        }
        final List<String> warnings = new ArrayList<>();
        final List<ThingId> commandable = new ArrayList<>();
        for (final HonoDevice device : byDevice.values()) {
            final boolean writes = device.dataPoints().stream().anyMatch(HonoDataPoint::toDevice);
            if (!writes) {
                continue;
            }
            if (device.deviceId().equals(device.thingId().toString())) {
                commandable.add(device.thingId());
            } else {
                warnings.add("Desired values of twin " + device.thingId() + " cannot reach device " + device.device()
                        + " through Ditto's Hono connection: Ditto sends commands keyed by the thing id, and Hono "
                        + "takes a command only for the device id. Make the device id the thing id (HonoDeviceId "
                        + device.thingId() + ", with a HonoAuthId), or let TwinLoop's Hono connector send them");
            }
        }
        final String table = deviceTable(tenantId, byDevice.values()).toString();
        final String incoming = script(tenantId, INCOMING_SCRIPT, table, byDevice.size(), settings);
        final String outgoing = script(tenantId, OUTGOING_SCRIPT, table, byDevice.size(), settings);
        return new HonoConnectionDefinition(tenantId, connection(tenantId, settings, incoming, outgoing,
                commandable), warnings);
    }

    public String connectionId() {
        return connection.getValue("id").map(JsonValue::asString).orElseThrow();
    }

    public String incomingScript() {
        return mappingOption("incomingScript");
    }

    public String outgoingScript() {
        return mappingOption("outgoingScript");
    }

    private String mappingOption(final String option) {
        return connection.getValue(JsonPointer.of("mappingDefinitions/" + HonoConnectionSettings.MAPPING_ID
                + "/options/" + option)).map(JsonValue::asString).orElseThrow();
    }

    /**
     * What the scripts know of the tenant's devices:
     * {@code {"tenant": .., "devices": {"<device id>": {"thingId": .., "points": {"<name>": [sink, ..]},
     * "commands": [..]}}, "things": {"<thing id>": "<device id>"}}}.
     */
    static JsonObject deviceTable(final String tenantId, final Iterable<HonoDevice> devices) {
        final JsonObjectBuilder byDevice = JsonObject.newBuilder();
        final JsonObjectBuilder things = JsonObject.newBuilder();
        for (final HonoDevice device : devices) {
            final Map<String, JsonArrayBuilder> points = new LinkedHashMap<>();
            final JsonArrayBuilder commands = JsonArray.newBuilder();
            for (final HonoDataPoint point : device.dataPoints()) {
                final JsonObject sink = JsonObject.newBuilder()
                        .set("feature", point.featureId())
                        .set("path", levels(point.property()))
                        .set("xsd", point.xsdType())
                        .set("bounds", bounds(point))
                        .build();
                points.computeIfAbsent(point.name(), n -> JsonArray.newBuilder()).add(sink);
                if (point.toDevice()) {
                    final JsonObjectBuilder command = JsonObject.newBuilder()
                            .set("name", point.name())
                            .set("feature", point.featureId())
                            .set("path", levels(point.property()))
                            .set("bounds", bounds(point))
                            .set("enum", point.allowedValues().stream().map(JsonValue::of)
                                    .collect(JsonCollectors.valuesToArray()));
                    point.wotType().ifPresent(t -> command.set("type", t));
                    point.itemType().ifPresent(t -> command.set("itemType", t));
                    commands.add(command.build());
                }
            }
            final JsonObjectBuilder pointsJson = JsonObject.newBuilder();
            points.forEach((name, sinks) -> pointsJson.set(JsonFactory.newKey(name), sinks.build()));
            byDevice.set(JsonFactory.newKey(device.deviceId()), JsonObject.newBuilder()
                    .set("thingId", device.thingId().toString())
                    .set("points", pointsJson.build())
                    .set("commands", commands.build())
                    .build());
            things.set(JsonFactory.newKey(device.thingId().toString()), device.deviceId());
        }
        return JsonObject.newBuilder()
                .set("tenant", tenantId)
                .set("devices", byDevice.build())
                .set("things", things.build())
                .build();
    }

    private static JsonArray levels(final JsonPointer property) {
        final JsonArrayBuilder levels = JsonArray.newBuilder();
        property.forEach(key -> levels.add(key.toString()));
        return levels.build();
    }

    private static JsonValue bounds(final HonoDataPoint point) {
        return point.bounds().<JsonValue>map(b -> JsonArray.of(JsonValue.of(b.min()), JsonValue.of(b.max())))
                .orElse(JsonValue.nullLiteral());
    }

    private static String script(final String tenantId, final String name, final String table, final int devices,
            final HonoConnectionSettings settings) {
        final String script = "var TWINLOOP_HONO = " + table + ";\n" + template(name);
        final int bytes = script.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > settings.maxScriptBytes()) {
            throw new HonoConnectionException("Hono tenant " + tenantId + ": the " + name + " mapping script with "
                    + "the table of its " + devices + " devices has " + bytes + " bytes, more than the "
                    + settings.maxScriptBytes() + " Ditto's connectivity service accepts (maxScriptSizeBytes). "
                    + "Raise ditto.connectivity.mapping.javascript.maxScriptSizeBytes and maxScriptBytes, or "
                    + "spread the devices over more tenants");
        }
        return script;
    }

    /** A script template shipped in this jar. */
    public static String template(final String name) {
        try (InputStream in = HonoConnectionDefinition.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("mapping script " + name + " is missing from the class path, next "
                        + "to " + HonoConnectionDefinition.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("mapping script " + name + " could not be read", e);
        }
    }

    private static JsonObject connection(final String tenantId, final HonoConnectionSettings settings,
            final String incoming, final String outgoing, final List<ThingId> commandable) {
        final JsonArray subject = JsonArray.of(JsonValue.of(settings.authorizationSubject()));
        final JsonArray mapping = JsonArray.of(JsonValue.of(HonoConnectionSettings.MAPPING_ID));
        final JsonObjectBuilder source = JsonObject.newBuilder()
                .set("addresses", JsonArray.of(JsonValue.of("telemetry"), JsonValue.of("event")))
                .set("consumerCount", settings.consumerCount())
                .set("qos", settings.qos())
                .set("authorizationContext", subject)
                .set("headerMapping", JsonObject.empty())
                .set("payloadMapping", mapping)
                // the merges' responses are not for the devices
                .set("replyTarget", JsonObject.newBuilder().set("enabled", false).build());
        if (settings.qos() == 1) {
            // commit a Hono message only once the twin persisted its values, as TwinLoop's Hono connector does
            source.set("acknowledgementRequests", JsonObject.newBuilder()
                    .set("includes", JsonArray.of(JsonValue.of("twin-persisted"))).build());
        }
        final JsonArrayBuilder targets = JsonArray.newBuilder();
        if (!commandable.isEmpty()) {
            // RQL string literals: a quote or backslash in a thing id is escaped
            final String things = commandable.stream()
                    .map(id -> "\"" + id.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                    .collect(Collectors.joining(","));
            final String filter = "in(thingId," + things + ")";
            targets.add(JsonObject.newBuilder()
                    .set("address", "command")
                    .set("topics", JsonArray.of(JsonValue.of("_/_/things/twin/events?filter="
                            + URLEncoder.encode(filter, StandardCharsets.UTF_8))))
                    .set("authorizationContext", subject)
                    // the command name is the script's subject header: without this entry Ditto's Hono connection
                    // would put the event's action ("merged") there. {{ header:subject }} resolves against the
                    // event's Ditto headers, which have none, so the header mapping leaves the script's in place.
                    .set("headerMapping", JsonObject.newBuilder().set("subject", "{{ header:subject }}").build())
                    .set("payloadMapping", mapping)
                    .build());
        }
        return JsonObject.newBuilder()
                .set("id", settings.connectionIdPrefix() + tenantId)
                .set("name", "TwinLoop devices of Hono tenant " + tenantId)
                .set("connectionType", "hono")
                .set("connectionStatus", settings.open() ? "open" : "closed")
                .set("failoverEnabled", true)
                .set("specificConfig", JsonObject.newBuilder().set("honoTenantId", tenantId).build())
                .set("mappingDefinitions", JsonObject.newBuilder()
                        .set(HonoConnectionSettings.MAPPING_ID, JsonObject.newBuilder()
                                .set("mappingEngine", "JavaScript")
                                .set("options", JsonObject.newBuilder()
                                        .set("incomingScript", incoming)
                                        .set("outgoingScript", outgoing)
                                        .set("loadBytebufferJS", "false")
                                        .set("loadLongJS", "false")
                                        .build())
                                .build())
                        .build())
                .set("sources", JsonArray.of(source.build()))
                .set("targets", targets.build())
                .set("tags", JsonArray.of(JsonValue.of("twinloop")))
                .build();
    }
}
