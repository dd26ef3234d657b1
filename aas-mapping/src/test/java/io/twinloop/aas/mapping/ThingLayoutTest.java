package io.twinloop.aas.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.junit.jupiter.api.Test;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.fixture.AasFixtures;

/** The thing layout of DESIGN.md, as an integrator reading the things through Ditto sees it. */
class ThingLayoutTest {

    private static ImportResult map(final org.eclipse.digitaltwin.aas4j.v3.model.Environment environment) {
        return ThingMapper.of(MappingOptions.of("factory")).map(List.of(Environments.packageOf(environment, "plant.json")));
    }

    @Test
    void oneThingPerShellWithSubmodelValuesAsPlainFeatureProperties() {
        final ImportResult result = map(AasFixtures.minimalShell("Press01"));

        assertThat(result.things()).hasSize(1);
        final Thing thing = result.things().get(0).thing();
        assertThat(thing.getEntityId()).hasValueSatisfying(id -> assertThat(id.toString()).isEqualTo("factory:Press01"));
        assertThat(thing.getFeatures().orElseThrow().getFeature("OperationalData").orElseThrow()
                .getProperty(JsonPointer.of("/Speed"))).contains(JsonValue.of(1200));
        assertThat(thing.getAttributes().orElseThrow().getValue(JsonPointer.of("/aas/id")))
                .contains(JsonValue.of("urn:twinloop:fixture:aas:Press01"));
        assertThat(thing.getAttributes().orElseThrow()
                .getValue(JsonPointer.of("/aas/submodelMetadata/OperationalData/id")))
                .contains(JsonValue.of("urn:twinloop:fixture:sm:Press01:operational-data"));
    }

    @Test
    void valuesLeaveTheSkeletonAndOnlyUnusualLexicalFormsStay() {
        final Thing thing = map(AasFixtures.minimalShell("Press01")).things().get(0).thing();

        assertThat(thing.getAttributes().orElseThrow().getValue(JsonPointer.of(
                "/aas/submodelMetadata/OperationalData/submodelElements")).orElseThrow().toString())
                .contains("\"idShort\":\"Speed\"").doesNotContain("1200");
    }

    @Test
    void collidingNamesGetDeterministicSuffixes() {
        final List<String> first = thingIds(map(AasFixtures.collidingNames()));
        final List<String> second = thingIds(map(AasFixtures.collidingNames()));

        assertThat(first).isEqualTo(second);
        assertThat(first).hasSize(2).allMatch(id -> id.matches("factory:Press-[0-9a-f]{8}")).doesNotHaveDuplicates();
        final Thing withNameless = map(AasFixtures.collidingNames()).things().get(1).thing();
        assertThat(withNameless.getFeatures().orElseThrow().stream().map(f -> f.getId()))
                .singleElement().asString().matches("submodel-[0-9a-f]{8}");
        final Thing withTwoData = map(AasFixtures.collidingNames()).things().stream()
                .filter(t -> t.thing().getFeatures().orElseThrow().getSize() == 2).findFirst().orElseThrow().thing();
        assertThat(withTwoData.getFeatures().orElseThrow().stream().map(f -> f.getId()))
                .allMatch(id -> id.matches("Data-[0-9a-f]{8}"));
    }

    @Test
    void sharedSubmodelIsAFeatureOfEveryShellAndOrphansGoToAnEnvironmentThing() {
        final org.eclipse.digitaltwin.aas4j.v3.model.Environment environment = AasFixtures.sharedSubmodel();
        final String sharedId = environment.getAssetAdministrationShells().get(0).getSubmodels().get(0)
                .getKeys().get(0).getValue();

        final ImportResult result = map(environment);

        assertThat(thingIds(result)).contains("factory:plant-environment").hasSize(3);
        final long holders = result.things().stream().filter(t -> t.thing().getAttributes().orElseThrow()
                .getValue(JsonPointer.of("/aas/submodelMetadata")).orElseThrow().toString().contains(sharedId)).count();
        assertThat(holders).isEqualTo(2);
    }

    @Test
    void thingOverTheSizeLimitIsRefusedNamingShellAndLargestSubmodels() {
        final MappingOptions tiny = MappingOptions.of("factory").withMaxThingBytes(2_000);

        assertThatThrownBy(() -> ThingMapper.of(tiny).map(List.of(Environments.packageOf(
                AasFixtures.everyElementType(), "big.json"))))
                .isInstanceOf(AasInputException.class)
                .hasMessageContaining("big.json")
                .hasMessageContaining("shell urn:twinloop:fixture:aas:everything")
                .hasMessageContaining("over the thing size limit of 2.0 kB")
                .hasMessageContaining("largest submodels: ");
    }

    @Test
    void danglingSubmodelReferenceIsRefusedUnlessExternalSubmodelsAreAllowed() {
        final org.eclipse.digitaltwin.aas4j.v3.model.Environment environment = AasFixtures.minimalShell("Press01");
        environment.getSubmodels().clear();

        assertThatThrownBy(() -> map(environment))
                .isInstanceOf(AasInputException.class)
                .hasMessageContaining("dangling reference: submodel 'urn:twinloop:fixture:sm:Press01:operational-data'");
        final ImportResult lenient = ThingMapper.of(MappingOptions.of("factory").withExternalSubmodelsAllowed(true))
                .map(List.of(Environments.packageOf(environment, "plant.json")));
        assertThat(lenient.things().get(0).thing().getFeatures().map(f -> f.getSize()).orElse(0)).isZero();
    }

    private static List<String> thingIds(final ImportResult result) {
        return result.things().stream().map(t -> t.thing().getEntityId().orElseThrow().toString()).toList();
    }
}
