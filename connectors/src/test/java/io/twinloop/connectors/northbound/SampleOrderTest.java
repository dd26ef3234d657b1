package io.twinloop.connectors.northbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.Test;

import io.twinloop.connectors.interfaces.DataPoint;
import io.twinloop.connectors.interfaces.Direction;
import io.twinloop.connectors.interfaces.Mapping;
import io.twinloop.connectors.interfaces.Sink;

/** Values of one data point delivered out of the order they were sampled in: the older one is left out. */
class SampleOrderTest {

    private static final ThingId MACHINE = ThingId.of("test:machine");
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final SampleOrder order = new SampleOrder();
    private final Mapping speed = mapping("Speed");
    private final Mapping power = mapping("Power");

    @Test
    void anOlderValueAfterANewerOneIsLeftOutAndCounted() {
        assertThat(order.take(MACHINE, speed, value(1, 2))).isTrue();
        assertThat(order.take(MACHINE, speed, value(3, 4))).isTrue();
        assertThat(order.take(MACHINE, speed, value(1, 2))).as("sampled before the one taken").isFalse();
        assertThat(order.take(MACHINE, speed, value(3, 4))).as("the same sample again").isTrue();
        assertThat(order.take(MACHINE, speed, value(5, 6))).isTrue();
        assertThat(order.outOfOrder()).isEqualTo(1);
    }

    @Test
    void dataPointsAndTwinsAreOrderedEachOnItsOwn() {
        assertThat(order.take(MACHINE, speed, value(5, 6))).isTrue();
        assertThat(order.take(MACHINE, power, value(1, 2))).isTrue();
        assertThat(order.take(ThingId.of("test:other"), speed, value(1, 2))).isTrue();
        assertThat(order.outOfOrder()).isZero();
    }

    @Test
    void oneClockSetBackDoesNotHoldValuesBack() {
        assertThat(order.take(MACHINE, speed, value(10, 10))).isTrue();
        assertThat(order.take(MACHINE, speed, value(2, 11))).as("the device's clock went back").isTrue();
        assertThat(order.take(MACHINE, speed, value(12, 3))).as("the server's clock went back").isTrue();
        assertThat(order.take(MACHINE, speed, new DataValue(Variant.ofDouble(1.0), StatusCode.GOOD, null, null)))
                .as("no timestamps: nothing to order by").isTrue();
        assertThat(order.outOfOrder()).isZero();
    }

    private static DataValue value(final int sourceSecond, final int serverSecond) {
        return new DataValue(Variant.ofDouble(sourceSecond), StatusCode.GOOD,
                new DateTime(T0.plusSeconds(sourceSecond)), new DateTime(T0.plusSeconds(serverSecond)));
    }

    private static Mapping mapping(final String name) {
        return new Mapping(new DataPoint(name, "nsu=urn:test;s=m/" + name, Optional.of("number"), Optional.empty(),
                List.of(), Optional.of(true), Optional.empty()),
                new Sink("OperationalData", JsonPointer.of(name), "xs:double"), Direction.DEVICE_TO_TWIN);
    }
}
