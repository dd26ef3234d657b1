package io.twinloop.connectors.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;

import io.twinloop.connectors.interfaces.DataPoint;
import io.twinloop.connectors.interfaces.Direction;
import io.twinloop.connectors.interfaces.Mapping;
import io.twinloop.connectors.interfaces.Sink;

class DesiredValueSubscriptionTest {

    @Test
    void asksForTheDesiredPathsOfTheMappingsThatWriteToTheDeviceOnceEach() {
        final DesiredValueSubscription subscription = DesiredValueSubscription.of(Set.of("demo", "line2"), List.of(
                target("demo:CNC01", mapping("Speed", JsonPointer.of("Speed"), Direction.BIDIRECTIONAL),
                        mapping("Vibration", JsonPointer.of("Vibration"), Direction.DEVICE_TO_TWIN),
                        mapping("Mode", JsonPointer.of("Mode"), Direction.BIDIRECTIONAL)),
                target("line2:CNC01", mapping("Speed", JsonPointer.of("Speed"), Direction.BIDIRECTIONAL))))
                .orElseThrow();

        assertThat(subscription.filtered()).isTrue();
        assertThat(subscription.subscription().namespaces()).containsExactlyInAnyOrder("demo", "line2");
        assertThat(subscription.subscription().filter()).contains("or(exists(features/OperationalData/"
                + "desiredProperties/Mode),exists(features/OperationalData/desiredProperties/Speed))");
    }

    @Test
    void oneDesiredPathIsTheFilterItself() {
        assertThat(DesiredValueSubscription.of(Set.of("demo"), List.of(target("demo:CNC01",
                mapping("Speed", JsonPointer.of("Setpoints/Speed"), Direction.BIDIRECTIONAL)))).orElseThrow()
                .subscription().filter())
                .contains("exists(features/OperationalData/desiredProperties/Setpoints/Speed)");
    }

    @Test
    void aNameAnRqlFieldMightNotTakeVerbatimFallsBackToAllEventsWithTheirRevisionJumps() {
        final DesiredValueSubscription subscription = DesiredValueSubscription.of(Set.of("demo"), List.of(
                target("demo:CNC01", mapping("Speed", JsonPointer.of("Speed,max"), Direction.BIDIRECTIONAL))))
                .orElseThrow();

        assertThat(subscription.filtered()).isFalse();
        assertThat(subscription.subscription().filter()).isEmpty();
        assertThat(subscription.subscription().namespaces()).containsExactly("demo");
    }

    @Test
    void nothingToWatchWhenNoMappingWritesToTheDevice() {
        assertThat(DesiredValueSubscription.of(Set.of("demo"), List.of(target("demo:CNC01",
                mapping("Vibration", JsonPointer.of("Vibration"), Direction.DEVICE_TO_TWIN))))).isEmpty();
    }

    private static Mapping mapping(final String name, final JsonPointer property, final Direction direction) {
        return new Mapping(new DataPoint(name, "nsu=urn:test;s=m/" + name, Optional.of("number"), Optional.empty(),
                List.of(), Optional.of(direction != Direction.BIDIRECTIONAL), Optional.empty()),
                new Sink("OperationalData", property, "xs:double"), direction);
    }

    private static DeviceTarget target(final String thingId, final Mapping... mappings) {
        return new DeviceTarget() {
            @Override
            public ThingId thingId() {
                return ThingId.of(thingId);
            }

            @Override
            public List<Mapping> mappings() {
                return List.of(mappings);
            }

            @Override
            public JsonObject destination(final Mapping mapping) {
                return JsonObject.empty();
            }

            @Override
            public CompletableFuture<WriteOutcome> write(final Mapping mapping, final JsonValue value) {
                throw new UnsupportedOperationException("not written in this test");
            }
        };
    }
}
