package io.twinloop.aas.validation;

import static io.twinloop.aas.validation.ValidationSamples.VALID_XML;
import static io.twinloop.aas.validation.ValidationSamples.replace;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AasValidatorXmlTest {

    private static final String SM = "submodels[urn:x:sm:1]";
    private static final String NS_30 = "xmlns=\"https://admin-shell.io/aas/3/0\"";
    private final AasValidator validator = new AasValidator();

    private ValidationReport validate(String xml) {
        return validator.validateXml(xml, "env.xml");
    }

    @Test
    void validEnvironmentHasNoViolations() {
        ValidationReport report = validate(VALID_XML);

        assertThat(report.violations()).isEmpty();
        assertThat(report.version()).isEqualTo("3.0");
    }

    @Test
    void aas31NamespaceIsValidatedAndReportedAs31(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("motor31.xml");
        Files.writeString(file, replace(VALID_XML, NS_30, "xmlns=\"https://admin-shell.io/aas/3/1\""));

        ValidationReport report = validator.validateFile(file);

        assertThat(report.violations()).isEmpty();
        assertThat(report.version()).isEqualTo("3.1");
        assertThat(report.header()).isEqualTo("motor31.xml: AAS 3.1 (checked with the 3.0 metamodel): valid");
    }

    @Test
    void xsdViolationIsReportedAtTheIdShortPathWithItsLine() {
        String xml = replace(VALID_XML, "<valueType>xs:string</valueType>", "<valueType>xs:strin</valueType>");

        ValidationReport report = validate(xml);

        assertThat(report.violations())
                .filteredOn(v -> v.kind().equals(Violation.SCHEMA))
                .extracting(Violation::path)
                .containsOnly(SM + "/Motor/MaxSpeed/qualifiers[0]/valueType");
        assertThat(report.violations())
                .anySatisfy(v -> assertThat(v.message()).startsWith("line 37, column 68: cvc-enumeration-valid"))
                .noneSatisfy(v -> assertThat(v.message()).contains("cvc-type.3.1.3"));
    }

    @Test
    void unexpectedElementNamesTheElementAndTheOriginalNamespace() {
        String xml = replace(VALID_XML, "<value>1500</value>", "<value>1500</value><unit>rpm</unit>");

        assertThat(validate(xml).violations())
                .filteredOn(v -> v.kind().equals(Violation.SCHEMA))
                .anySatisfy(
                        v -> {
                            assertThat(v.path()).isEqualTo(SM + "/Motor/MaxSpeed");
                            assertThat(v.message()).contains("cvc-complex-type.2.4.a", "aas/3/0\":unit").doesNotContain("aas/3/1");
                        });
    }

    @Test
    void duplicateIdShortsInACollectionAreAConstraintViolation() {
        String xml = replace(VALID_XML, "<idShort>Label</idShort>", "<idShort>MaxSpeed</idShort>");

        assertThat(validate(xml).violations())
                .containsExactly(Violation.constraint(SM + "/Motor", "ID-shorts of the value must be unique."));
    }

    @Test
    void submodelElementListChildIsAddressedByIndex() {
        String xml = replace(VALID_XML, "<value>2.5</value>", "<value>abc</value>");

        assertThat(validate(xml).violations())
                .containsExactly(Violation.constraint(SM + "/Values[1]", "Value must be consistent with the value type."));
    }

    @Test
    void danglingSubmodelReferenceIsReported() {
        String xml = replace(VALID_XML, "<value>urn:x:sm:1</value>", "<value>urn:x:sm:2</value>");

        assertThat(validate(xml).violations())
                .extracting(Violation::path, Violation::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "assetAdministrationShells[urn:x:aas:1]/submodels[0]", Violation.REFERENCE));
    }

    @Test
    void malformedXmlIsOneSyntaxViolationWithLineAndColumn() {
        String xml = replace(VALID_XML, "</conceptDescription>", "</conceptDescriptio>");

        long line = xml.substring(0, xml.indexOf("</conceptDescriptio>")).lines().count();

        ValidationReport report = validate(xml);

        assertThat(report.violations())
                .singleElement()
                .satisfies(
                        v -> {
                            assertThat(v.kind()).isEqualTo(Violation.SYNTAX);
                            assertThat(v.path()).startsWith("line " + line + ", column ");
                            assertThat(v.message()).contains("must be terminated by the matching end-tag");
                        });
    }

    @Test
    void xmlBrokenBeforeTheRootElementIsASyntaxViolation() {
        assertThat(validate("<?xml version=\"1.0\"?>\n<<environment/>").violations())
                .singleElement()
                .satisfies(v -> assertThat(v.path()).startsWith("line 2"));
        assertThat(validate("").violations()).extracting(Violation::kind).containsExactly(Violation.SYNTAX);
    }

    @Test
    void aasV2XmlIsRejectedAsUnsupported() {
        String xml = "<?xml version=\"1.0\"?>\n<aas:aasenv xmlns:aas=\"http://www.admin-shell.io/aas/2/0\">"
                + "<aas:assetAdministrationShells/></aas:aasenv>";

        assertThat(validate(xml).violations())
                .containsExactly(
                        Violation.format("AAS v2 content is not supported (XML namespace http://www.admin-shell.io/aas/2/0); convert it to AAS v3"));
    }

    @Test
    void htmlAndOtherXmlAreNotAnAasEnvironment() {
        String html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body><p>x<br></body></html>";
        String other = "<?xml version=\"1.0\"?><project xmlns=\"http://maven.apache.org/POM/4.0.0\"/>";
        String submodel = "<submodel xmlns=\"https://admin-shell.io/aas/3/0\"><id>x</id></submodel>";

        assertThat(validate(html).violations().get(0).message()).isEqualTo("not an AAS v3 environment: this is an HTML document");
        assertThat(validate(other).violations().get(0).message()).startsWith("not an AAS v3 environment: root element <project>");
        assertThat(validate(submodel).violations().get(0).message()).contains("root element is <submodel>, expected <environment>");
    }

    @Test
    void externalEntitiesAreNotResolved(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xml = replace(VALID_XML, "<environment ", "<!DOCTYPE environment [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]>\n<environment ");
        xml = replace(xml, "<idShort>MotorShell</idShort>", "<idShort>&x;</idShort>");

        ValidationReport report = validate(xml);

        assertThat(report.toString()).doesNotContain("TOP-SECRET");
    }

    @Test
    void namespaceRewritingKeepsEveryOffset() {
        String rewritten = XmlValidation.withNamespace(VALID_XML, "https://admin-shell.io/aas/3/1");

        assertThat(rewritten).hasSameSizeAs(VALID_XML).contains("aas/3/1").doesNotContain("aas/3/0");
    }
}
