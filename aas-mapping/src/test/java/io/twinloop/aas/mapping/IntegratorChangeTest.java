package io.twinloop.aas.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.eclipse.digitaltwin.aas4j.v3.model.Property;
import org.eclipse.digitaltwin.aas4j.v3.model.Submodel;
import org.eclipse.digitaltwin.aas4j.v3.model.SubmodelElement;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.junit.jupiter.api.Test;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.fixture.AasFixtures;

/** Values written through Ditto as plain JSON come back into the AAS with the declared valueType. */
class IntegratorChangeTest {

    private static MappedThing imported(final org.eclipse.digitaltwin.aas4j.v3.model.Environment environment) {
        return ThingMapper.of(MappingOptions.of("factory"))
                .map(List.of(Environments.packageOf(environment, "plant.json"))).things().get(0);
    }

    private static EnvironmentAssembler.Assembled exportWith(final MappedThing mapped, final String pointer,
            final JsonValue value) {
        final Thing changed = mapped.thing().setFeatureProperty("OperationalData", JsonPointer.of(pointer), value);
        return EnvironmentAssembler.newInstance().assemble(List.of(MappedThing.of(changed, "things/Press01.json",
                List.of())));
    }

    private static Property speed(final EnvironmentAssembler.Assembled assembled) {
        final Submodel submodel = assembled.environment().getSubmodels().get(0);
        return (Property) submodel.getSubmodelElements().stream().filter(e -> "Speed".equals(e.getIdShort()))
                .findFirst().orElseThrow();
    }

    @Test
    void numberWrittenThroughDittoIsExportedAsTheDeclaredIntegerType() {
        final Property exported = speed(exportWith(imported(AasFixtures.minimalShell("Press01")), "/Speed",
                JsonValue.of(1500)));

        assertThat(exported.getValue()).isEqualTo("1500");
        assertThat(exported.getValueType().name()).isEqualTo("INT");
    }

    @Test
    void wholeDoubleIsAcceptedForAnIntegerAndFractionIsRefusedWithItsPlace() {
        final MappedThing mapped = imported(AasFixtures.minimalShell("Press01"));

        assertThat(speed(exportWith(mapped, "/Speed", JsonValue.of(1600.0))).getValue()).isEqualTo("1600");
        assertThatThrownBy(() -> exportWith(mapped, "/Speed", JsonValue.of(12.5)))
                .isInstanceOf(AasInputException.class)
                .hasMessageContaining("things/Press01.json")
                .hasMessageContaining("features/OperationalData/properties/Speed")
                .hasMessageContaining("not a valid xs:int");
    }

    @Test
    void objectWhereAPropertyValueBelongsIsRefused() {
        assertThatThrownBy(() -> exportWith(imported(AasFixtures.minimalShell("Press01")), "/Speed",
                org.eclipse.ditto.json.JsonObject.newBuilder().set("rpm", 3).build()))
                .isInstanceOf(AasInputException.class)
                .hasMessageContaining("features/OperationalData/properties/Speed")
                .hasMessageContaining("found a JSON object");
    }

    @Test
    void unusualLexicalFormIsKeptWhileUnchangedAndReplacedWhenChanged() {
        final org.eclipse.digitaltwin.aas4j.v3.model.Environment environment = AasFixtures.minimalShell("Press01");
        ((Property) environment.getSubmodels().get(0).getSubmodelElements().get(0)).setValue("007");
        final MappedThing mapped = imported(environment);

        assertThat(mapped.thing().getFeatures().orElseThrow().getFeature("OperationalData").orElseThrow()
                .getProperty(JsonPointer.of("/Speed"))).contains(JsonValue.of(7));
        assertThat(speed(exportWith(mapped, "/Speed", JsonValue.of(7))).getValue()).isEqualTo("007");
        assertThat(speed(exportWith(mapped, "/Speed", JsonValue.of(8))).getValue()).isEqualTo("8");
    }

    @Test
    void newKeyBecomesANewPropertyAndIsReported() {
        final EnvironmentAssembler.Assembled assembled = exportWith(imported(AasFixtures.minimalShell("Press01")),
                "/Temperature", JsonValue.of(71.5));

        final SubmodelElement added = assembled.environment().getSubmodels().get(0).getSubmodelElements().stream()
                .filter(e -> "Temperature".equals(e.getIdShort())).findFirst().orElseThrow();
        assertThat(((Property) added).getValue()).isEqualTo("71.5");
        assertThat(((Property) added).getValueType().name()).isEqualTo("DOUBLE");
        assertThat(assembled.warnings()).anyMatch(w -> w.contains("features/OperationalData/properties/Temperature")
                && w.contains("new Property of xs:double"));
    }

    @Test
    void deletedValueIsExportedAsNotSet() {
        final MappedThing mapped = imported(AasFixtures.minimalShell("Press01"));
        final Thing changed = mapped.thing().removeFeatureProperty("OperationalData", JsonPointer.of("/Speed"));

        final Property exported = speed(EnvironmentAssembler.newInstance()
                .assemble(List.of(MappedThing.of(changed, "t.json", List.of()))));

        assertThat(exported.getValue()).isNull();
    }
}
