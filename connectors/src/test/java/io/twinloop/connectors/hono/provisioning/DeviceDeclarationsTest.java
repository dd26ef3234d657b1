package io.twinloop.connectors.hono.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.aas.environment.AasPackage;

/** Devices from AAS files and twins: the specificAssetId convention and everything refused before any request. */
class DeviceDeclarationsTest {

    @TempDir
    Path tmp;

    @Test
    void shellsDeclareDevicesWithTheirSpecificAssetIds() throws IOException {
        final AasPackage aas = HonoShells.environment()
                .device("Press01", "factory-a", "press-01", null)
                .device("Cnc01", "factory-a", "demo:CNC01", "cnc-01")
                .shell("Conveyor", "serialNumber", "C-1")
                .read(tmp.resolve("plant.aas.json"));

        final DeviceDeclarations declarations = DeviceDeclarations.fromPackages(List.of(aas));

        assertThat(declarations.devices()).extracting(DeviceDeclaration::key, DeviceDeclaration::authId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("factory-a/press-01", "press-01"),
                        org.assertj.core.groups.Tuple.tuple("factory-a/demo:CNC01", "cnc-01"));
        final DeviceDeclaration press = declarations.devices().get(0);
        assertThat(press.origin().shellId()).isEqualTo("urn:twinloop:test:Press01");
        assertThat(press.origin().globalAssetId()).contains("urn:twinloop:test:asset:Press01");
        assertThat(press.origin().source()).endsWith("plant.aas.json");
        assertThat(declarations.passedOver()).singleElement().asString().contains("'Conveyor'")
                .contains("not a Hono device");
    }

    @Test
    void everyProblemIsReportedAtOnceNamingShellAndFile() throws IOException {
        final AasPackage first = HonoShells.environment()
                .shell("OnlyTenant", "HonoTenantId", "factory-a")
                .device("Spaces", "factory a", "dev-1", null)
                .device("Colon", "factory-a", "demo:Press", null)
                .shell("Twice", "HonoTenantId", "factory-a", "HonoDeviceId", "twice-1", "HonoDeviceId", "twice-2")
                .device("Robot", "factory-a", "robot-01", null)
                .read(tmp.resolve("first.aas.json"));
        final AasPackage second = HonoShells.environment()
                .device("RobotAgain", "factory-b", "robot-01", null)
                .device("SameAuth", "factory-a", "robot-02", "robot-01")
                .read(tmp.resolve("second.aas.json"));

        final ProvisioningInputException e = catchThrowableOfType(
                () -> DeviceDeclarations.fromPackages(List.of(first, second)), ProvisioningInputException.class);

        assertThat(e.problems()).hasSize(6);
        assertThat(e.problems().get(0)).contains("'OnlyTenant'").contains("first.aas.json")
                .contains("specificAssetId HonoDeviceId is missing");
        assertThat(e.problems().get(1)).contains("'Spaces'").contains("tenant id 'factory a' is not accepted");
        assertThat(e.problems().get(2)).contains("'Colon'").contains("auth-id 'demo:Press'")
                .contains("give the device a specificAssetId HonoAuthId");
        assertThat(e.problems().get(3)).contains("'Twice'").contains("HonoDeviceId is given twice");
        assertThat(e.problems().get(4)).contains("'RobotAgain'").contains("second.aas.json")
                .contains("device id 'robot-01' (tenant 'factory-b') is also claimed by shell 'Robot'")
                .contains("first.aas.json");
        assertThat(e.problems().get(5)).contains("'SameAuth'").contains("auth-id 'robot-01' in tenant 'factory-a'");
    }

    @Test
    void idsAreCheckedAgainstHonosDefaultPatterns() {
        assertThat(HonoIds.tenantIdProblem("factory-a_1.x")).isEmpty();
        assertThat(HonoIds.tenantIdProblem("factory:a")).isPresent();
        assertThat(HonoIds.deviceIdProblem("demo:Press=1")).isEmpty();
        assertThat(HonoIds.deviceIdProblem("press/1")).hasValueSatisfying(p -> assertThat(p).contains("'press/1'"));
        assertThat(HonoIds.deviceIdProblem("..")).hasValueSatisfying(p -> assertThat(p).contains("URL path"));
        assertThat(HonoIds.authIdProblem("press=1")).isEmpty();
        assertThat(HonoIds.authIdProblem("demo:Press")).isPresent();
        assertThat(HonoIds.tenantIdProblem("")).hasValue("the tenant id is empty");
    }

    @Test
    void inputWithoutAnyHonoDeviceIsRefused() throws IOException {
        final AasPackage aas = HonoShells.environment().shell("Conveyor", "serialNumber", "C-1")
                .read(tmp.resolve("plain.aas.json"));

        assertThatThrownBy(() -> DeviceDeclarations.fromPackages(List.of(aas)))
                .isInstanceOf(ProvisioningInputException.class)
                .hasMessageContaining("no shell declares a Hono device");
    }

    @Test
    void theSameShellGivenTwiceIsProvisionedOnce() throws IOException {
        final HonoShells shells = HonoShells.environment().device("Press01", "factory-a", "press-01", null);
        final AasPackage one = shells.read(tmp.resolve("one.aas.json"));
        final AasPackage again = shells.read(tmp.resolve("again.aas.json"));

        final DeviceDeclarations declarations = DeviceDeclarations.fromPackages(List.of(one, again));

        assertThat(declarations.devices()).hasSize(1);
        assertThat(declarations.passedOver()).singleElement().asString().contains("provisioned once");
    }

    @Test
    void twinsDeclareDevicesThroughTheShellInTheirAttributes() {
        final JsonObject aas = JsonObject.newBuilder()
                .set("id", "urn:twinloop:test:Press01").set("idShort", "Press01")
                .set("assetInformation", JsonObject.newBuilder().set("assetKind", "Instance")
                        .set("globalAssetId", "urn:asset:press-01")
                        .set("specificAssetIds", JsonArray.of(
                                JsonObject.newBuilder().set("name", "HonoTenantId").set("value", "factory-a").build(),
                                JsonObject.newBuilder().set("name", "HonoDeviceId").set("value", "demo:Press01")
                                        .build(),
                                JsonObject.newBuilder().set("name", "HonoAuthId").set("value", "press-01").build()))
                        .build())
                .build();
        final Thing thing = ThingsModelFactory.newThingBuilder().setId(ThingId.of("demo:Press01"))
                .setAttribute(org.eclipse.ditto.json.JsonPointer.of("aas"), aas).build();
        final Thing plain = ThingsModelFactory.newThingBuilder().setId(ThingId.of("demo:Other")).build();

        final DeviceDeclarations declarations = DeviceDeclarations.fromThings(List.of(thing, plain));

        assertThat(declarations.devices()).singleElement().satisfies(device -> {
            assertThat(device.key()).isEqualTo("factory-a/demo:Press01");
            assertThat(device.authId()).isEqualTo("press-01");
            assertThat(device.origin().source()).isEqualTo("demo:Press01");
            assertThat(device.origin().globalAssetId()).contains("urn:asset:press-01");
        });
        assertThat(declarations.passedOver()).singleElement().asString().contains("demo:Other");
    }
}
