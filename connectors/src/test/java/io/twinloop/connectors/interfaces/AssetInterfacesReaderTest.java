package io.twinloop.connectors.interfaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonArrayBuilder;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingMapper;

/** The demo plant's AID and AIMC, read back from the thing the import makes of them. */
class AssetInterfacesReaderTest {

    private static Thing demo(final String name) {
        return thing("../examples/demo-plant.aas.json", name);
    }

    private static Thing thing(final String file, final String name) {
        return ThingMapper.of(MappingOptions.of("demo"))
                .map(List.of(EnvironmentReader.newInstance().read(Path.of(file))))
                .things().stream().map(t -> t.thing())
                .filter(t -> t.getEntityId().orElseThrow().toString().equals("demo:" + name)).findFirst()
                .orElseThrow();
    }

    @Test
    void theCncsInterfaceNamesThePlantsEndpointSecurityAndNodes() {
        final InterfaceDescriptions read = AssetInterfacesReader.read(demo("CNC01"));

        assertThat(read.warnings()).isEmpty();
        assertThat(read.interfaces()).hasSize(1);
        final OpcUaInterface iface = read.interfaces().get(0);
        assertThat(iface.endpoint()).isEqualTo("opc.tcp://localhost:4840/twinloop/plant");
        assertThat(iface.security()).isEqualTo(new EndpointSecurity("Basic256Sha256", "SignAndEncrypt", "username"));
        assertThat(iface.mappings()).hasSize(17); // 9 values, 4 for the job arrays, 3 for quality, the plant clock

        final Mapping speed = iface.mappings().stream().filter(m -> m.source().name().equals("Speed")).findFirst()
                .orElseThrow();
        assertThat(speed.source().href()).isEqualTo("nsu=urn:twinloop:plant;s=cnc-1/Speed");
        assertThat(speed.source().bounds()).contains(new Bounds(50, 130));
        assertThat(speed.sink()).isEqualTo(new Sink("OperationalData", JsonPointer.of("Speed"), "xs:double"));
        assertThat(speed.direction()).isEqualTo(Direction.BIDIRECTIONAL);

        final Mapping power = iface.mappings().stream().filter(m -> m.source().name().equals("Power")).findFirst()
                .orElseThrow();
        assertThat((Object) power.sink().property()).isEqualTo(JsonPointer.of("PowerDraw"));
        assertThat(power.direction()).isEqualTo(Direction.DEVICE_TO_TWIN);

        final Mapping mode = iface.mappings().stream().filter(m -> m.source().name().equals("Mode")).findFirst()
                .orElseThrow();
        assertThat(mode.source().allowedValues()).containsExactly("OFF", "STANDBY", "RUN");

        final Mapping offset = iface.mappings().stream().filter(m -> m.source().name().equals("ToolOffset"))
                .findFirst().orElseThrow();
        assertThat(offset.source().bounds()).contains(new Bounds(-50, 50));
        assertThat(offset.direction()).isEqualTo(Direction.BIDIRECTIONAL);
        assertThat(iface.mappings().stream().filter(m -> m.source().name().equals("DimensionDeviation")).findFirst()
                .orElseThrow().direction()).isEqualTo(Direction.DEVICE_TO_TWIN);
    }

    @Test
    void thePlantClockHasASamplingIntervalOfItsOwnAndTheOtherPointsNone() {
        for (final String machine : List.of("CNC01", "Press01", "Robot01")) {
            final List<Mapping> mappings = AssetInterfacesReader.read(demo(machine)).interfaces().get(0).mappings();

            assertThat(mappings).filteredOn(m -> m.source().name().equals("SimulationTime")).singleElement()
                    .satisfies(m -> assertThat(m.source().samplingInterval()).contains(Duration.ofSeconds(1)));
            assertThat(mappings).filteredOn(m -> !m.source().name().equals("SimulationTime"))
                    .allSatisfy(m -> assertThat(m.source().samplingInterval()).isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "0", "-500", "NaN", ""})
    void aSamplingIntervalThatIsNoPositiveNumberIsWarnedAboutAndTheDefaultUsed(final String bad,
            @TempDir final Path tmp) throws IOException {
        final Thing cnc = withCncClockSampling(tmp, "xs:string", bad);

        final InterfaceDescriptions read = AssetInterfacesReader.read(cnc);

        assertThat(read.warnings()).singleElement().asString().contains("demo:CNC01").contains("SimulationTime")
                .contains("twinloop_samplingInterval").contains("\"" + bad + "\"");
        final Mapping clock = read.interfaces().get(0).mappings().stream()
                .filter(m -> m.source().name().equals("SimulationTime")).findFirst().orElseThrow();
        assertThat(clock.source().samplingInterval()).as("the connector's default applies").isEmpty();
        assertThat(read.interfaces().get(0).mappings()).hasSize(17);
    }

    @Test
    void aFractionalSamplingIntervalIsKept(@TempDir final Path tmp) throws IOException {
        final Thing cnc = withCncClockSampling(tmp, "xs:double", "250.5");

        final Mapping clock = AssetInterfacesReader.read(cnc).interfaces().get(0).mappings().stream()
                .filter(m -> m.source().name().equals("SimulationTime")).findFirst().orElseThrow();

        assertThat(clock.source().samplingInterval()).contains(Duration.ofMillis(250).plusNanos(500_000));
    }

    /**
     * The demo AAS with CNC01's (the file's first) {@code twinloop_samplingInterval} of another type and value: the
     * import checks values against their declared type, so a text needs a text type.
     */
    private static Thing withCncClockSampling(final Path dir, final String valueType, final String value)
            throws IOException {
        final String demo = Files.readString(Path.of("../examples/demo-plant.aas.json"));
        final Matcher clock = Pattern.compile("(\"idShort\": \"twinloop_samplingInterval\",(?s:.*?))"
                + "\"valueType\": \"xs:unsignedInt\",(\\s*)\"value\": \"1000\"").matcher(demo);
        assertThat(clock.find()).as("the demo AAS samples the clock at 1000 ms").isTrue();
        final Path changed = dir.resolve("demo-plant.aas.json");
        Files.writeString(changed, demo.substring(0, clock.start()) + clock.group(1) + "\"valueType\": \""
                + valueType + "\"," + clock.group(2) + "\"value\": \"" + value + "\"" + demo.substring(clock.end()));
        return thing(changed.toString(), "CNC01");
    }

    @Test
    void theJobArraysMapToTheJobSequenceListAndToTheFieldsOfTheJobQueuesItems() {
        final OpcUaInterface iface = AssetInterfacesReader.read(demo("Press01")).interfaces().get(0);

        final List<Mapping> sequence = iface.mappings().stream().filter(m -> m.source().name().equals("JobSequence"))
                .toList();
        assertThat(sequence).hasSize(2);
        assertThat(sequence.get(0).source().isArray()).isTrue();
        assertThat(sequence.get(0).source().itemType()).contains("string");
        assertThat(sequence.get(0).sink()).isEqualTo(Sink.listOf("OperationalData", JsonPointer.of("JobSequence"),
                "xs:string"));
        assertThat(sequence.get(0).direction()).isEqualTo(Direction.BIDIRECTIONAL);

        final List<String> fields = List.of("JobId", "DueDate", "Quantity");
        assertThat(sequence.get(1).sink()).isEqualTo(Sink.listField("OperationalData", JsonPointer.of("JobQueue"),
                new ListField("JobId", fields), "xs:string"));
        assertThat(sequence.get(1).direction()).isEqualTo(Direction.DEVICE_TO_TWIN);
        final Mapping dueDates = iface.mappings().stream().filter(m -> m.source().name().equals("JobDueDates"))
                .findFirst().orElseThrow();
        assertThat(dueDates.sink()).isEqualTo(Sink.listField("OperationalData", JsonPointer.of("JobQueue"),
                new ListField("DueDate", fields), "xs:dateTime"));
        final Mapping parts = iface.mappings().stream().filter(m -> m.source().name().equals("JobParts"))
                .findFirst().orElseThrow();
        assertThat(parts.sink().valueType()).isEqualTo("xs:int");
        assertThat(parts.source().readOnly()).contains(true);
    }

    @Test
    void anEmptyJobQueueTakesTheFieldTypesFromTheAid() {
        // The connector wrote an empty queue: the twin's JobQueue has no item left to declare the fields' types.
        final Thing empty = demo("Robot01").setFeatureProperty("OperationalData", JsonPointer.of("JobQueue"),
                org.eclipse.ditto.json.JsonArray.empty());

        final InterfaceDescriptions read = AssetInterfacesReader.read(empty);

        assertThat(read.warnings()).isEmpty();
        assertThat(read.interfaces().get(0).mappings()).filteredOn(m -> m.sink().field().isPresent())
                .extracting(m -> m.sink().field().orElseThrow().name() + ":" + m.sink().valueType())
                .containsExactly("JobId:xs:string", "DueDate:xs:string", "Quantity:xs:long");
    }

    @Test
    void aListOfCollectionsWithoutTheFieldQualifierIsLeftOutWithAWarning() {
        final Thing cnc = demo("CNC01");
        final JsonPointer skeleton = JsonPointer.of("aas/submodelMetadata/AssetInterfacesMappingConfiguration");
        final JsonValue relations = cnc.getAttributes().orElseThrow().getValue(skeleton).orElseThrow();

        final InterfaceDescriptions read = AssetInterfacesReader.read(cnc.setAttribute(skeleton,
                withoutJobPartsRelationsQualifiers(relations)));

        assertThat(read.warnings()).singleElement().asString().contains("TwinLoopListField")
                .contains("SUBMODEL_ELEMENT_COLLECTION");
        assertThat(read.interfaces().get(0).mappings()).filteredOn(m -> m.sink().field().isPresent())
                .extracting(m -> m.sink().field().orElseThrow()).containsOnly(
                        new ListField("JobId", List.of("JobId", "DueDate")),
                        new ListField("DueDate", List.of("JobId", "DueDate")));
    }

    /** The AIMC skeleton with the qualifiers of the relation that fills the JobQueue items' Quantity removed. */
    private static JsonValue withoutJobPartsRelationsQualifiers(final JsonValue json) {
        if (json.isArray()) {
            final JsonArrayBuilder array = JsonArray.newBuilder();
            json.asArray().forEach(item -> array.add(withoutJobPartsRelationsQualifiers(item)));
            return array.build();
        }
        if (!json.isObject() || json.isNull()) {
            return json;
        }
        final JsonObject object = json.asObject();
        if (object.getValue("idShort").equals(Optional.of(JsonValue.of("MappingSourceSinkRelations")))) {
            final JsonArray items = object.getValue("value").orElseThrow().asArray();
            final JsonArrayBuilder changed = JsonArray.newBuilder();
            for (final JsonValue item : items) {
                changed.add(item.toString().contains("\"Quantity\"") ? item.asObject().remove("qualifiers") : item);
            }
            return object.setValue("value", changed.build());
        }
        final JsonObjectBuilder copy = JsonObject.newBuilder();
        object.forEach(field -> copy.set(field.getKey(), withoutJobPartsRelationsQualifiers(field.getValue())));
        return copy.build();
    }

    @Test
    void aDeviceBehindHonoIsNamedByTheShellsSpecificAssetIds() {
        final InterfaceDescriptions read = AssetInterfacesReader.read(thing("../examples/hono-devices.aas.json",
                "Meter01"));

        assertThat(read.warnings()).isEmpty();
        assertThat(read.interfaces()).isEmpty();
        assertThat(read.honoInterfaces()).hasSize(1);
        final HonoInterface iface = read.honoInterfaces().get(0);
        assertThat(iface.endpoint()).startsWith("mqtts://");
        assertThat(iface.device()).isEqualTo("twinloop/meter-01");
        assertThat(iface.mappings()).extracting(m -> m.source().name())
                .containsExactly("power", "energy", "voltage", "interval");
        final Mapping interval = iface.mappings().get(3);
        assertThat(interval.direction()).isEqualTo(Direction.BIDIRECTIONAL);
        assertThat(interval.source().bounds()).contains(new Bounds(1, 3600));
        assertThat(interval.sink()).isEqualTo(new Sink("OperationalData", JsonPointer.of("ReportingInterval"),
                "xs:int"));
    }

    @Test
    void aHonoInterfaceWithoutTheDevicesIdentityIsLeftOutWithAWarning() {
        final Thing meter = thing("../examples/hono-devices.aas.json", "Meter01");
        final Thing anonymous = meter.setAttribute(JsonPointer.of("aas/assetInformation/specificAssetIds"),
                org.eclipse.ditto.json.JsonArray.empty());

        final InterfaceDescriptions read = AssetInterfacesReader.read(anonymous);

        assertThat(read.honoInterfaces()).isEmpty();
        assertThat(read.warnings()).singleElement().asString().contains("HonoTenantId");
    }

    @Test
    void aThingWithoutInterfaceDescriptionsHasNoInterfaces() {
        final Thing plain = Thing.newBuilder().setId(org.eclipse.ditto.things.model.ThingId.of("demo:plain"))
                .build();

        assertThat(AssetInterfacesReader.read(plain).interfaces()).isEmpty();
    }
}
