package io.twinloop.aas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdShortPathsTest {

    private final TreeNode tree = tree(ValidationSamples.VALID_JSON);

    private static TreeNode tree(String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            return JsonTreeNode.of(root);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void networkntJsonPathBecomesIdShortPath() {
        ModelPaths.Parsed parsed =
                ModelPaths.parseJsonPath("$.submodels[0].submodelElements[0].value[0].qualifiers[0].valueType: bad");

        assertThat(parsed.rest()).isEqualTo(": bad");
        assertThat(IdShortPaths.format(tree, parsed.segments()))
                .isEqualTo("submodels[urn:x:sm:1]/Motor/MaxSpeed/qualifiers[0]/valueType");
    }

    @Test
    void aasCoreJsonPathAndXPathGiveTheSamePath() {
        List<Object> json = ModelPaths.parseJsonPath("submodels[0].submodelElements[1].value[2]").segments();
        List<Object> xpath = ModelPaths.parseXPath("environment/submodels/*[0]/submodelElements/*[1]/value/*[2]");

        assertThat(json).isEqualTo(xpath).containsExactly("submodels", 0, "submodelElements", 1, "value", 2);
        assertThat(IdShortPaths.format(tree, json)).isEqualTo("submodels[urn:x:sm:1]/Values[2]");
    }

    @Test
    void identifiablesAppearByIdAndNonReferablePartsByPropertyName() {
        assertThat(IdShortPaths.format(tree, List.of("assetAdministrationShells", 0, "assetInformation")))
                .isEqualTo("assetAdministrationShells[urn:x:aas:1]/assetInformation");
        assertThat(IdShortPaths.format(tree, List.of("conceptDescriptions", 0)))
                .isEqualTo("conceptDescriptions[urn:x:cd:maxSpeed]");
        assertThat(IdShortPaths.format(tree, List.of("submodels", 0, "submodelElements", 0, "value", 1, "value", 0, "text")))
                .isEqualTo("submodels[urn:x:sm:1]/Motor/Label/value[0]/text");
        assertThat(IdShortPaths.format(tree, List.of())).isEqualTo(Violation.ROOT);
    }

    @Test
    void segmentsBeyondTheDocumentAreKeptVerbatim() {
        assertThat(IdShortPaths.format(tree, List.of("submodels", 0, "submodelElements", 7, "idShort")))
                .isEqualTo("submodels[urn:x:sm:1]/submodelElements[7]/idShort");
        assertThat(IdShortPaths.format(tree, List.of("submodels", 3, "id"))).isEqualTo("submodels[#3]/id");
    }

    @Test
    void quotedPropertyNamesAreParsed() {
        assertThat(ModelPaths.parseJsonPath("$['a b'].c[1]: x").segments()).containsExactly("a b", "c", 1);
    }

    @Test
    void reportPrintsHeaderThenOneLinePerViolation() {
        ValidationReport report =
                ValidationReport.of(
                        "m.json",
                        "3.0",
                        List.of(
                                Violation.constraint("submodels[urn:x]/A", "Invariant\nspread over lines"),
                                Violation.syntax(2, 5, "bad")));

        assertThat(report.isValid()).isFalse();
        assertThat(report.toString())
                .isEqualTo("m.json: AAS 3.0: 2 violations\n"
                        + "m.json: submodels[urn:x]/A: Invariant spread over lines\n"
                        + "m.json: line 2, column 5: bad");
        assertThat(report.lines()).hasSize(2);
    }
}
