package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.Test;

class FieldSelectionTest extends ServerTestSupport {

    private void createMachine() throws Exception {
        final var response = put(THING, "{\"attributes\":{\"location\":\"hall 1\"},\"features\":{"
                + "\"spindle\":{\"properties\":{\"speed\":1200,\"temp\":40}},"
                + "\"drill\":{\"properties\":{\"speed\":800},\"desiredProperties\":{\"speed\":900}},"
                + "\"energy\":{\"properties\":{\"kwh\":3.5}},"
                + "\"empty\":{}}}");
        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void wildcardSelectsAPropertyInEveryFeatureThatHasIt() throws Exception {
        createMachine();
        assertThat(json(get(THING + "?fields=features/*/properties/speed"))).isEqualTo(JsonObject.of(
                "{\"features\":{\"spindle\":{\"properties\":{\"speed\":1200}},"
                        + "\"drill\":{\"properties\":{\"speed\":800}}}}"));
        assertThat(json(get(THING + "?fields=thingId,features/*/desiredProperties,attributes/location")))
                .isEqualTo(JsonObject.of("{\"thingId\":\"" + THING + "\",\"attributes\":{\"location\":\"hall 1\"},"
                        + "\"features\":{\"drill\":{\"desiredProperties\":{\"speed\":900}}}}"));
        assertThat(json(get(THING + "?fields=features/*/properties(speed,kwh)"))).isEqualTo(JsonObject.of(
                "{\"features\":{\"spindle\":{\"properties\":{\"speed\":1200}},"
                        + "\"drill\":{\"properties\":{\"speed\":800}},\"energy\":{\"properties\":{\"kwh\":3.5}}}}"));
    }

    @Test
    void wildcardOnTheFeaturesResourceIsRelativeToThem() throws Exception {
        createMachine();
        assertThat(json(get(THING + "/features?fields=*/properties/speed"))).isEqualTo(JsonObject.of(
                "{\"spindle\":{\"properties\":{\"speed\":1200}},\"drill\":{\"properties\":{\"speed\":800}}}"));
        // only the feature id level is a wildcard: elsewhere '*' is an ordinary key
        assertThat(json(get(THING + "/features/spindle?fields=properties/*"))).isEqualTo(JsonObject.empty());
    }
}
