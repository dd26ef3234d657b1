package io.twinloop.aas.thingmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.wot.model.ThingModel;
import org.junit.jupiter.api.Test;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.mapping.ImportResult;
import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingMapper;

class ThingModelsTest {

    private static final Path DEMO_PLANT = Path.of("../examples/demo-plant.aas.json");
    private static final URI BASE = URI.create("http://models.example:8080/wot/models/");

    @Test
    void demoOperationalDataModelHasTypesUnitsBoundsAndSetpointsFromTheAas() {
        final ThingModels models = generate(EnvironmentReader.newInstance().read(DEMO_PLANT));
        final Thing cnc = thing(models, "CNC01");
        final String url = ThingModels.definitionOf(cnc, "OperationalData").orElseThrow();
        assertThat(url).startsWith(BASE.toString()).endsWith(ThingModels.FILE_SUFFIX);
        final JsonObject model = model(models, url);
        final JsonObject properties = model.getValue("properties").orElseThrow().asObject();

        // ToolOffset: xs:double, unit and -50..50 from the AID property the AIMC links to, a setpoint
        final JsonObject toolOffset = properties.getValue("ToolOffset").orElseThrow().asObject();
        assertThat(toolOffset.getValue("type")).contains(JsonValue.of("number"));
        assertThat(toolOffset.getValue("unit")).contains(JsonValue.of("µm"));
        assertThat(toolOffset.getValue("minimum").orElseThrow().asDouble()).isEqualTo(-50.0);
        assertThat(toolOffset.getValue("maximum").orElseThrow().asDouble()).isEqualTo(50.0);
        assertThat(toolOffset.getValue("readOnly")).contains(JsonValue.of(false));
        // Speed: the CNC's 50..130 % (the press has 60..120), writable
        final JsonObject speed = properties.getValue("Speed").orElseThrow().asObject();
        assertThat(speed.getValue("minimum").orElseThrow().asDouble()).isEqualTo(50.0);
        assertThat(speed.getValue("maximum").orElseThrow().asDouble()).isEqualTo(130.0);
        assertThat(speed.getValue("readOnly")).contains(JsonValue.of(false));
        // State is only reported (machine -> twin): read-only; PartsProduced an integer
        assertThat(properties.getValue("State/readOnly")).contains(JsonValue.of(true));
        assertThat(properties.getValue("PartsProduced/type").map(JsonValue::asString)).hasValueSatisfying(
                t -> assertThat(t).isIn("integer", "number"));
        // JobQueue: a list of collections whose Quantity is an xs:int
        assertThat(properties.getValue("JobQueue/type")).contains(JsonValue.of("array"));
        assertThat(properties.getValue("JobQueue/items/properties/Quantity/type")).contains(JsonValue.of("integer"));
        assertThat(properties.getValue("JobQueue/items/properties/Quantity/maximum").orElseThrow().asLong())
                .isEqualTo(Integer.MAX_VALUE);
        // Ditto's own WoT model reads it as a Thing Model
        final ThingModel parsed = ThingModel.fromJson(model);
        assertThat(parsed.getProperties().orElseThrow().getProperty("ToolOffset")).isPresent();
        assertThat(model.getValue("@type")).contains(JsonValue.of("tm:ThingModel"));

        // TechnicalData: a Range as {min, max}; units from the concept descriptions (IEC 61360)
        final JsonObject technical = model(models, ThingModels.definitionOf(cnc, "TechnicalData").orElseThrow())
                .getValue("properties").orElseThrow().asObject();
        assertThat(technical.getValue("ToolOffsetSetting/type")).contains(JsonValue.of("object"));
        assertThat(technical.getValue("ToolOffsetSetting/properties/min/type")).contains(JsonValue.of("number"));
        assertThat(technical.getValue("ToolOffsetSetting/unit")).contains(JsonValue.of("µm"));
    }

    @Test
    void thingIsLinkedToAThingModelNamingItsFeatureModelsAsSubmodels() {
        final ThingModels models = generate(EnvironmentReader.newInstance().read(DEMO_PLANT));
        final Thing press = thing(models, "Press01");
        final String thingUrl = press.getDefinition().orElseThrow().toString();
        final JsonObject thingModel = model(models, thingUrl);
        assertThat(thingModel.getValue("properties/aas/type")).contains(JsonValue.of("object"));
        final List<JsonValue> links = thingModel.getValue("links").orElseThrow().asArray().stream().toList();
        assertThat(links).hasSize(press.getFeatures().orElseThrow().getSize());
        for (final JsonValue link : links) {
            final String feature = link.asObject().getValue("instanceName").orElseThrow().asString();
            assertThat(link.asObject().getValue("rel")).contains(JsonValue.of("tm:submodel"));
            assertThat(link.asObject().getValue("href").orElseThrow().asString())
                    .isEqualTo(ThingModels.definitionOf(press, feature).orElseThrow());
        }
        // the press's Speed bounds differ from the CNC's: a model of its own
        assertThat(ThingModels.definitionOf(press, "OperationalData"))
                .isNotEqualTo(ThingModels.definitionOf(thing(models, "CNC01"), "OperationalData"));
        // same AAS, same models and names (content-addressed)
        assertThat(generate(EnvironmentReader.newInstance().read(DEMO_PLANT)).files()).isEqualTo(models.files());
        // the values are untouched
        final MappedThing plain = ThingMapper.of(MappingOptions.of("demo"))
                .map(List.of(EnvironmentReader.newInstance().read(DEMO_PLANT))).things().get(0);
        assertThat(thing(models, plain.name()).getFeatures().orElseThrow().getFeature("OperationalData")
                .orElseThrow().getProperties()).isEqualTo(plain.thing().getFeatures().orElseThrow()
                .getFeature("OperationalData").orElseThrow().getProperties());
    }

    @Test
    void boundsThatContradictEachOtherAreNamed(@org.junit.jupiter.api.io.TempDir final Path dir) throws IOException {
        // the CNC's Speed gets a qualifier Min of 140 while its interface allows at most 130
        final String demo = Files.readString(DEMO_PLANT);
        final JsonObject env = JsonFactory.readFrom(demo).asObject();
        final Path bad = dir.resolve("bad.aas.json");
        Files.writeString(bad, withQualifier(env, "urn:twinloop:demo:sm:CNC01:OperationalData", "Speed",
                "Min", "140").toString());
        assertThatThrownBy(() -> generate(EnvironmentReader.newInstance().read(bad)))
                .isInstanceOf(AasInputException.class)
                .hasMessageContaining("bad.aas.json")
                .hasMessageContaining("submodels[urn:twinloop:demo:sm:CNC01:OperationalData]/Speed")
                .hasMessageContaining("minimum 140 (qualifier Min) is above maximum 130 (AID");
    }

    @Test
    void aRangeWhoseMinIsAboveItsMaxIsNamed(@org.junit.jupiter.api.io.TempDir final Path dir) throws IOException {
        final JsonObject env = JsonFactory.readFrom(Files.readString(DEMO_PLANT)).asObject();
        final JsonObject changed = setRange(env, "urn:twinloop:demo:sm:CNC01:TechnicalData", "ToolOffsetSetting",
                "60", "50");
        final Path bad = dir.resolve("range.aas.json");
        Files.writeString(bad, changed.toString());
        assertThatThrownBy(() -> generate(EnvironmentReader.newInstance().read(bad)))
                .isInstanceOf(AasInputException.class)
                .hasMessageContaining("submodels[urn:twinloop:demo:sm:CNC01:TechnicalData]/ToolOffsetSetting")
                .hasMessageContaining("Range min 60 is above its max 50");
    }

    @Test
    void aValueOutsideItsOwnBoundsIsNamed(@org.junit.jupiter.api.io.TempDir final Path dir) throws IOException {
        final JsonObject env = JsonFactory.readFrom(Files.readString(DEMO_PLANT)).asObject();
        final Path bad = dir.resolve("value.aas.json");
        Files.writeString(bad, setValue(env, "urn:twinloop:demo:sm:Press01:OperationalData", "Speed", "150.0")
                .toString());
        assertThatThrownBy(() -> generate(EnvironmentReader.newInstance().read(bad)))
                .isInstanceOf(AasInputException.class)
                .hasMessageContaining("submodels[urn:twinloop:demo:sm:Press01:OperationalData]/Speed")
                .hasMessageContaining("value 150 is outside its own bounds: minimum 60 (AID ");
    }

    private static ThingModels generate(final AasPackage aas) {
        final ImportResult result = ThingMapper.of(MappingOptions.of("demo")).map(List.of(aas));
        return ThingModels.generate(List.of(aas), result, BASE);
    }

    private static Thing thing(final ThingModels models, final String name) {
        return models.things().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().thing();
    }

    private static JsonObject model(final ThingModels models, final String url) {
        final String file = url.substring(BASE.toString().length());
        final Map<String, String> files = models.files();
        assertThat(files).containsKey(file);
        return JsonFactory.readFrom(files.get(file)).asObject();
    }

    private static JsonObject withQualifier(final JsonObject env, final String submodelId, final String idShort,
            final String type, final String value) {
        return editElement(env, submodelId, idShort, e -> e.setValue("qualifiers", JsonFactory.newArrayBuilder()
                .add(JsonObject.newBuilder().set("kind", "ConceptQualifier").set("type", type)
                        .set("valueType", "xs:double").set("value", value).build()).build()));
    }

    private static JsonObject setRange(final JsonObject env, final String submodelId, final String idShort,
            final String min, final String max) {
        return editElement(env, submodelId, idShort, e -> e.setValue("min", min).setValue("max", max));
    }

    private static JsonObject setValue(final JsonObject env, final String submodelId, final String idShort,
            final String value) {
        return editElement(env, submodelId, idShort, e -> e.setValue("value", value));
    }

    private static JsonObject editElement(final JsonObject env, final String submodelId, final String idShort,
            final java.util.function.UnaryOperator<JsonObject> edit) {
        final var submodels = JsonFactory.newArrayBuilder();
        for (final JsonValue s : env.getValue("submodels").orElseThrow().asArray()) {
            JsonObject submodel = s.asObject();
            if (submodel.getValue("id").orElseThrow().asString().equals(submodelId)) {
                final var elements = JsonFactory.newArrayBuilder();
                for (final JsonValue e : submodel.getValue("submodelElements").orElseThrow().asArray()) {
                    final JsonObject element = e.asObject();
                    elements.add(element.getValue("idShort").orElseThrow().asString().equals(idShort)
                            ? edit.apply(element) : element);
                }
                submodel = submodel.setValue("submodelElements", elements.build());
            }
            submodels.add(submodel);
        }
        return env.setValue("submodels", submodels.build());
    }
}
