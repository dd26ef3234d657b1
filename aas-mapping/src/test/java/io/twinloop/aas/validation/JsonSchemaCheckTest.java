package io.twinloop.aas.validation;

import static io.twinloop.aas.validation.ValidationSamples.VALID_JSON;
import static io.twinloop.aas.validation.ValidationSamples.replace;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JsonSchemaCheckTest {

    private final AasValidator validator = new AasValidator();

    @Test
    void everyOneOfChoiceOfTheBundledSchemaIsRewrittenToAModelTypeChoice() {
        assertThat(JsonSchemaCheck.Schema.bundled().toString()).contains("SubmodelElement_choice", "\"oneOf\"");
        assertThat(JsonSchemaCheck.Schema.remainingOneOfs()).isEmpty();
    }

    @Test
    void unknownModelTypeIsReportedOnceOnTheModelTypeProperty() {
        String json = replace(VALID_JSON, "\"modelType\": \"MultiLanguageProperty\"", "\"modelType\": \"MultiLangProperty\"");

        ValidationReport report = validator.validateJson(json, "env.json");

        // one message from the schema, one from aas-core's deserialization, nothing from other types
        assertThat(report.violations())
                .hasSize(2)
                .allSatisfy(v -> assertThat(v.path()).startsWith("submodels[urn:x:sm:1]/Motor/Label"))
                .anySatisfy(
                        v -> {
                            assertThat(v.path()).isEqualTo("submodels[urn:x:sm:1]/Motor/Label/modelType");
                            assertThat(v.message()).contains("does not have a value in the enumeration", "\"MultiLanguageProperty\"");
                        })
                .anySatisfy(v -> assertThat(v.message()).startsWith("Unexpected model type for ISubmodelElement: MultiLangProperty"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void deeplyNestedCollectionsValidateInLinearTime() {
        // with aas4j's oneOf schema the cost doubles per level: depth 12 ran out of memory
        String element = "{\"modelType\": \"Property\", \"idShort\": \"Leaf\", \"valueType\": \"xs:int\", \"value\": \"1\"}";
        for (int depth = 0; depth < 24; depth++) {
            element = "{\"modelType\": \"SubmodelElementCollection\", \"idShort\": \"C" + depth + "\", \"value\": [" + element + "]}";
        }
        String json = "{\"submodels\": [{\"modelType\": \"Submodel\", \"id\": \"urn:x\", \"submodelElements\": [" + element + "]}]}";

        assertThat(validator.validateJson(json, "deep.json").violations()).isEmpty();
        String broken = json.replace("\"xs:int\"", "\"xs:nope\"");
        assertThat(validator.validateJson(broken, "deep.json").violations())
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v.path()).startsWith("submodels[urn:x]/C23/C22/C21/").endsWith("/C0/Leaf/valueType"));
    }
}
