package io.twinloop.cli.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.twin.client.DittoClient;

/** Reading the demo's CNC twin while the live plant runs, for the tests of the demo's loop. */
final class DemoCncTwin {

    static final ThingId CNC = ThingId.of("demo:CNC01");

    private DemoCncTwin() {}

    static Optional<JsonValue> read(final DittoClient client, final String pointer) {
        return client.retrieveThing(CNC).join().toJson().getValue(JsonPointer.of(pointer));
    }

    /** Waits (generously: the machine ticks in real time) until {@code actual} shows {@code expected}. */
    static void awaitValue(final Supplier<Optional<JsonValue>> actual, final JsonValue expected)
            throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Optional<JsonValue> last = actual.get();
        while (!last.equals(Optional.of(expected)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            last = actual.get();
        }
        assertThat(last).contains(expected);
    }
}
