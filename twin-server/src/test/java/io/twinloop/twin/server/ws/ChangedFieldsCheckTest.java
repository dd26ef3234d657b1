package io.twinloop.twin.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.TopicPath;
import org.eclipse.ditto.rql.parser.RqlPredicateParser;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.FeaturePropertyModified;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.eclipse.ditto.things.model.signals.events.ThingMerged;
import org.junit.jupiter.api.Test;

class ChangedFieldsCheckTest {

    private static final ThingId THING = ThingId.of("demo:CNC01");
    private static final TopicPath MERGED = ProtocolFactory.newTopicPathBuilder(THING).things().twin().events()
            .merged().build();
    private static final String DESIRED_SPEED = "exists(features/OperationalData/desiredProperties/Speed)";
    private static final List<String> EXISTS_FILTERS = List.of(DESIRED_SPEED,
            "or(" + DESIRED_SPEED + ",exists(features/OperationalData/desiredProperties/Mode))",
            "and(exists(features/OperationalData/properties/Speed),exists(attributes/location))",
            "exists(features/OperationalData)", "exists(attributes/location/hall)");
    private static final List<ThingEvent<?>> MERGES = List.of(
            merge("/features", "{\"OperationalData\":{\"properties\":{\"Speed\":100,\"Vibration\":2.1}}}"),
            merge("/features", "{\"OperationalData\":{\"desiredProperties\":{\"Speed\":110}}}"),
            merge("/features", "{\"OperationalData\":{\"desiredProperties\":{\"Speed\":null}}}"),
            merge("/features", "{\"OperationalData\":null}"),
            merge("/features/OperationalData/desiredProperties", "{\"Mode\":\"STANDBY\"}"),
            merge("/features/OperationalData/desiredProperties/Speed", "95"),
            merge("/features/OperationalData/properties/Speed", "95"),
            merge("/", "{\"attributes\":{\"location\":{\"hall\":2}},\"features\":{\"Other\":{}}}"),
            merge("/", "{\"attributes\":{\"location\":null}}"),
            merge("/attributes", "{\"location\":\"Hall 2\"}"),
            merge("/features/Other", "{\"properties\":{\"x\":1}}"));

    @Test
    void neverSaysNoWhereDittosEvaluationSaysYes() {
        final List<String> quickNos = new ArrayList<>();
        for (final String rql : EXISTS_FILTERS) {
            final EventFilter withCheck = EventFilter.parse("filter=" + URLEncoder.encode(rql, StandardCharsets.UTF_8));
            assertThat(withCheck.quickCheck()).as("a check for %s", rql).isPresent();
            final EventFilter fullOnly = new EventFilter(withCheck.namespaces(), withCheck.filter(),
                    withCheck.extraFields(), Optional.empty());
            for (final ThingEvent<?> event : MERGES) {
                final boolean full = fullOnly.matches(event, MERGED, org.eclipse.ditto.json.JsonObject.empty());
                assertThat(withCheck.matches(event, MERGED, org.eclipse.ditto.json.JsonObject.empty()))
                        .as("%s on %s %s", rql, event.getResourcePath(), event.getEntity().orElseThrow())
                        .isEqualTo(full);
                if (withCheck.quickCheck().get().certainlyNoMatch(event)) {
                    quickNos.add(rql + " " + event.getResourcePath());
                }
            }
        }
        // and it does answer where it matters: the connector's filter and a merge of reported values
        assertThat(quickNos).contains(DESIRED_SPEED + " /features", DESIRED_SPEED + " /attributes",
                DESIRED_SPEED + " /features/OperationalData/properties/Speed");
    }

    @Test
    void onlyMergesAreAnsweredQuickly() {
        final ChangedFieldsCheck check = ChangedFieldsCheck.of(RqlPredicateParser.getInstance().parse(DESIRED_SPEED))
                .orElseThrow();
        final ThingEvent<?> modified = FeaturePropertyModified.of(THING, "Other", JsonPointer.of("x"),
                JsonValue.of(1), 5, Instant.now(), DittoHeaders.empty(), null);

        assertThat(check.certainlyNoMatch(modified)).isFalse();
    }

    @Test
    void filtersWithAnythingButExistsOnThingDataGetNoQuickCheck() {
        for (final String rql : List.of("not(" + DESIRED_SPEED + ")", "eq(features/OperationalData/properties/Speed,1)",
                "or(" + DESIRED_SPEED + ",eq(attributes/a,1))", "exists(thingId)", "exists(_revision)",
                "and(" + DESIRED_SPEED + ",eq(topic:action,\"merged\"))")) {
            assertThat(ChangedFieldsCheck.of(RqlPredicateParser.getInstance().parse(rql))).as(rql).isEmpty();
        }
    }

    private static ThingEvent<?> merge(final String path, final String value) {
        return ThingMerged.of(THING, JsonPointer.of(path), JsonFactory.readFrom(value), 7, Instant.now(),
                DittoHeaders.empty(), null);
    }
}
