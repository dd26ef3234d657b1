package io.twinloop.aas.mapping;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.eclipse.digitaltwin.aas4j.v3.model.DataTypeDefXsd;
import org.eclipse.digitaltwin.aas4j.v3.model.Environment;
import org.eclipse.digitaltwin.aas4j.v3.model.impl.DefaultProperty;
import org.eclipse.digitaltwin.aas4j.v3.model.impl.DefaultSubmodelElementCollection;
import org.junit.jupiter.api.Test;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.fixture.AasFixtures;

class DuplicateIdShortTest {

    @Test
    void duplicateIdShortsAmongSiblingsAreRefusedWithTheirPath() {
        final Environment environment = AasFixtures.minimalShell("Press01");
        environment.getSubmodels().get(0).getSubmodelElements().add(new DefaultSubmodelElementCollection.Builder()
                .idShort("Motor")
                .value(List.of(
                        new DefaultProperty.Builder().idShort("Rpm").valueType(DataTypeDefXsd.INT).value("1").build(),
                        new DefaultProperty.Builder().idShort("Rpm").valueType(DataTypeDefXsd.INT).value("2").build()))
                .build());

        assertThatThrownBy(() -> ThingMapper.of(MappingOptions.of("factory"))
                .map(List.of(Environments.packageOf(environment, "plant.json"))))
                .isInstanceOf(AasInputException.class)
                .hasMessage("plant.json: submodels[urn:twinloop:fixture:sm:Press01:operational-data]/Motor/Rpm: "
                        + "duplicate idShort 'Rpm' among siblings (AASd-022)");
    }
}
