package io.twinloop.connectors.interfaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.Thing;
import org.junit.jupiter.api.Test;

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
        assertThat(iface.mappings()).hasSize(12); // with the CNC's quality signal, offset and scrap count

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
