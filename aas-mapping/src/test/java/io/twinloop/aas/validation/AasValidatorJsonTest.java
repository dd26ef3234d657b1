package io.twinloop.aas.validation;

import static io.twinloop.aas.validation.ValidationSamples.VALID_JSON;
import static io.twinloop.aas.validation.ValidationSamples.replace;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AasValidatorJsonTest {

    private static final String SM = "submodels[urn:x:sm:1]";
    private final AasValidator validator = new AasValidator();

    private ValidationReport validate(String json) {
        return validator.validateJson(json, "env.json");
    }

    @Test
    void validEnvironmentHasNoViolations() {
        ValidationReport report = validate(VALID_JSON);

        assertThat(report.violations()).isEmpty();
        assertThat(report.isValid()).isTrue();
        assertThat(report.version()).isEqualTo("3.0");
        assertThat(report.toString()).isEqualTo("env.json: AAS 3.0: valid");
    }

    @Test
    void validFileIsReadFromDiskUnderItsFileName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("motor.json");
        Files.writeString(file, "\uFEFF" + VALID_JSON, StandardCharsets.UTF_8);

        ValidationReport report = validator.validateFile(file);

        assertThat(report.sourceName()).isEqualTo("motor.json");
        assertThat(report.violations()).isEmpty();
    }

    @Test
    void unreadableAndZipFilesAreReportedNotThrown(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("motor.aasx");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0});

        assertThat(validator.validateFile(zip).violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("ZIP file (an AASX package?)"));
        assertThat(validator.validateFile(dir.resolve("missing.json")).violations())
                .extracting(Violation::kind)
                .containsExactly(Violation.ERROR);
    }

    @Test
    void schemaViolationIsReportedAtTheIdShortPathWithoutOneOfNoise() {
        String json = replace(VALID_JSON, "\"valueType\": \"xs:string\"", "\"valueType\": \"xs:strin\"");

        ValidationReport report = validate(json);

        assertThat(report.violations())
                .filteredOn(v -> v.kind().equals(Violation.SCHEMA))
                .extracting(Violation::path)
                .containsOnly(SM + "/Motor/MaxSpeed/qualifiers[0]/valueType");
        assertThat(report.violations())
                .anySatisfy(v -> assertThat(v.message()).contains("does not have a value in the enumeration"));
        assertThat(report.toString()).doesNotContain("must be the constant value", "one and only one schema");
    }

    @Test
    void missingRequiredPropertyIsOneSchemaViolationOnTheElement() {
        String json = replace(VALID_JSON, "\"valueType\": \"xs:int\",", "");

        ValidationReport report = validate(json);

        assertThat(report.violations())
                .filteredOn(v -> v.message().startsWith("required property"))
                .containsExactly(
                        Violation.schema(SM + "/Motor/MaxSpeed", "required property 'valueType' not found"));
    }

    @Test
    void duplicateIdShortsAmongSubmodelElementsViolateAasd022() {
        String json = replace(VALID_JSON, "\"idShort\": \"Values\"", "\"idShort\": \"Motor\"");

        ValidationReport report = validate(json);

        assertThat(report.violations())
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.kind()).isEqualTo(Violation.CONSTRAINT);
                            assertThat(v.path()).isEqualTo(SM);
                            assertThat(v.message()).startsWith("Constraint AASd-022:");
                        });
    }

    @Test
    void propertyValueNotMatchingItsValueTypeIsAConstraintViolation() {
        String json = replace(VALID_JSON, "\"value\": \"1500\"", "\"value\": \"fast\"");

        assertThat(validate(json).violations())
                .containsExactly(
                        Violation.constraint(SM + "/Motor/MaxSpeed", "Value must be consistent with the value type."));
    }

    @Test
    void submodelElementListChildIsAddressedByIndex() {
        String json = replace(VALID_JSON, "\"value\": \"2.5\"", "\"value\": \"2.5 m\"");

        assertThat(validate(json).violations()).extracting(Violation::path).containsExactly(SM + "/Values[1]");
    }

    @Test
    void danglingSubmodelReferenceIsReported() {
        String json = replace(VALID_JSON, "\"value\": \"urn:x:sm:1\"", "\"value\": \"urn:x:sm:gone\"");

        assertThat(validate(json).violations())
                .containsExactly(
                        Violation.reference(
                                "assetAdministrationShells[urn:x:aas:1]/submodels[0]",
                                "dangling submodel reference: no submodel with id 'urn:x:sm:gone' in this environment"));
    }

    @Test
    void duplicateIdsAmongIdentifiablesAreReported() {
        String json = replace(VALID_JSON, "\"id\": \"urn:x:cd:maxSpeed\"", "\"id\": \"urn:x:sm:1\"");

        assertThat(validate(json).violations())
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.kind()).isEqualTo(Violation.REFERENCE);
                            assertThat(v.path()).isEqualTo(SM);
                            assertThat(v.message())
                                    .contains("duplicate id 'urn:x:sm:1'", "submodels at index 0", "conceptDescriptions at index 0");
                        });
    }

    @Test
    void wrongEnumLiteralIsReportedWithThePathAasCoreGivesNotThrown() {
        String json = replace(VALID_JSON, "\"assetKind\": \"Instance\"", "\"assetKind\": \"Instanz\"");

        ValidationReport report = validate(json);

        String path = "assetAdministrationShells[urn:x:aas:1]/assetInformation/assetKind";
        assertThat(report.violations()).isNotEmpty().allSatisfy(v -> assertThat(v.path()).isEqualTo(path));
        assertThat(report.violations())
                .anySatisfy(v -> assertThat(v.message()).contains("does not have a value in the enumeration"))
                .anySatisfy(v -> assertThat(v.message()).contains("AssetKind", "constraints were not checked"));
    }

    @Test
    void charactersOutsideTheBasicPlaneAreNotSchemaViolations() {
        // aas4j's schema pattern rejects them under Java regex; aas-core accepts them: see SchemaWorkarounds
        String json = replace(VALID_JSON, "\"text\": \"Main motor\"", "\"text\": \"Main motor \\ud83d\\ude80 \\ud842\\udd22\"");

        assertThat(validate(json).violations()).isEmpty();
    }

    @Test
    void singleLetterIdShortIsValidAas30() {
        // aas4j bundles the 3.1 schema, whose idShort pattern needs two characters
        String json = replace(VALID_JSON, "\"idShort\": \"MaxSpeed\"", "\"idShort\": \"M\"");

        assertThat(validate(json).violations()).isEmpty();
    }

    @Test
    void malformedJsonIsOneSyntaxViolationWithLineAndColumn() {
        String json = "{\"submodels\": [\n  {\"id\": \"a\",\n   \"modelType\": \"Submodel\"\n  ]\n}";

        ValidationReport report = validate(json);

        assertThat(report.violations())
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.kind()).isEqualTo(Violation.SYNTAX);
                            assertThat(v.path()).isEqualTo("line 4, column 3");
                            assertThat(v.message()).contains("Unexpected close marker ']'").doesNotContain("REDACTED");
                        });
        assertThat(report.version()).isEqualTo(ValidationReport.UNKNOWN_VERSION);
        assertThat(report.isValid()).isFalse();
    }

    @Test
    void emptyTextAndDuplicateKeysAreSyntaxViolations() {
        assertThat(validate("  ").violations()).extracting(Violation::kind).containsExactly(Violation.SYNTAX);
        assertThat(validate("{\"submodels\": [], \"submodels\": []}").violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("Duplicate field 'submodels'"));
    }

    @Test
    void jsonThatIsNotAnEnvironmentGetsOneClearViolation() {
        assertThat(validate("{\"hello\": 1}").violations())
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.kind()).isEqualTo(Violation.FORMAT);
                            assertThat(v.path()).isEqualTo(Violation.ROOT);
                            assertThat(v.message()).startsWith("not an AAS v3 environment").contains("[hello]");
                        });
        assertThat(validate("[1, 2]").violations().get(0).message()).contains("not an AAS v3 environment");
        assertThat(validate("{\"modelType\": \"Submodel\", \"id\": \"urn:x\"}").violations().get(0).message())
                .contains("single Submodel");
    }

    @Test
    void emptyEnvironmentIsValid() {
        assertThat(validate("{}").violations()).isEmpty();
    }

    @Test
    void aasV2JsonIsRejectedAsUnsupported() {
        String assets = "{\"assetAdministrationShells\": [], \"assets\": [{\"identification\": {\"id\": \"x\"}}]}";
        String modelType = "{\"submodels\": [{\"idShort\": \"S\", \"modelType\": {\"name\": \"Submodel\"}}]}";

        assertThat(validate(assets).violations())
                .containsExactly(Violation.format("AAS v2 content is not supported (top-level 'assets' array); convert it to AAS v3"));
        assertThat(validate(modelType).violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("AAS v2 content is not supported").contains("$.submodels[0]"));
    }
}
