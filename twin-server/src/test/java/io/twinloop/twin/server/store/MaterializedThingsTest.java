package io.twinloop.twin.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which things the store holds as Ditto objects: a bounded set of recently written ones, which stays the same while
 * more things than it holds are written in turn (a connector's twins), instead of each being dropped just before
 * its next write.
 */
class MaterializedThingsTest {

    @TempDir
    Path directory;

    @Test
    void moreThingsWrittenInTurnThanAreHeldKeepTheSameOnesHeld() throws Exception {
        final int fit = 64;
        final List<ThingId> things = new ArrayList<>();
        for (int i = 0; i < fit + 8; i++) {
            things.add(ThingId.of(String.format("org.example:machine-%03d", i)));
        }
        final long perThing = heldEstimateOfOne(things.get(0));
        try (ThingStore store = ThingStore.open(directory, ThingStore.DEFAULT_SNAPSHOT_INTERVAL,
                fit * perThing + perThing / 2)) {
            for (int round = 0; round < 3; round++) {
                for (final ThingId id : things) {
                    write(store, id, round);
                }
            }
            final Set<String> heldBefore = held(store, things);
            assertThat(store.materializedCount()).isEqualTo(fit);

            int heldWhenWritten = 0;
            for (final ThingId id : things) {
                if (store.isMaterialized(id)) {
                    heldWhenWritten++; // this write needs no parsing of the thing
                }
                write(store, id, 3);
            }

            assertThat(heldWhenWritten).as("things still held when their turn to be written came")
                    .isEqualTo(fit);
            assertThat(held(store, things)).as("held through a whole round of writes").isEqualTo(heldBefore);
            assertThat(store.materializedCount()).isEqualTo(fit);
            for (final ThingId id : things) {
                assertThat(store.get(id).flatMap(Thing::getAttributes).flatMap(a -> a.getValue("round")))
                        .contains(JsonValue.of(3));
            }
        }
    }

    @Test
    void theMemoryForHeldThingsBoundsTheirEstimatedHeapNotTheirNumber() throws Exception {
        final long perThing = heldEstimateOfOne(ThingId.of("org.example:machine-000"));
        try (ThingStore store = ThingStore.open(directory, ThingStore.DEFAULT_SNAPSHOT_INTERVAL,
                10 * perThing + perThing / 2)) {
            for (int i = 0; i < 30; i++) {
                write(store, ThingId.of(String.format("org.example:machine-%03d", i)), 0);
            }
            assertThat(store.materializedCount()).isEqualTo(10);
            // the same size but for the digits of their time stamps
            assertThat(store.heldBytes()).isBetween(10 * perThing - perThing / 2, 10 * perThing + perThing / 2);
        }
        assertThat(perThing).as("the estimate of a small thing's heap").isBetween(2_000L, 20_000L);
    }

    @Test
    void mergesThatKeepTheThingsSizeKeepItsEstimate() throws Exception {
        final long perThing = heldEstimateOfOne(ThingId.of("org.example:machine-000"));
        final List<ThingId> things = new ArrayList<>();
        try (ThingStore store = ThingStore.open(directory, ThingStore.DEFAULT_SNAPSHOT_INTERVAL,
                10 * perThing + perThing / 2)) {
            for (int i = 0; i < 10; i++) {
                things.add(ThingId.of(String.format("org.example:machine-%03d", i)));
                write(store, things.get(i), 0);
            }
            // a device's merges: the size bound the store keeps for its limit grows by each patch, the thing not
            for (int round = 1; round <= 200; round++) {
                for (final ThingId id : things) {
                    merge(store, id, round % 10);
                }
            }

            assertThat(store.materializedCount()).as("all ten still held").isEqualTo(10);
            assertThat(store.heldBytes()).isLessThanOrEqualTo(10 * perThing + perThing / 2);
        }
    }

    @Test
    void aNegativeMemoryForHeldThingsIsRefusedWithItsValue() {
        assertThatThrownBy(() -> ThingStore.open(directory, ThingStore.DEFAULT_SNAPSHOT_INTERVAL, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    /** The estimated heap of one thing as {@link #write} writes it, in a store of its own. */
    private long heldEstimateOfOne(final ThingId id) throws Exception {
        try (ThingStore store = ThingStore.open(directory.resolve("one"))) {
            write(store, id, 0);
            return store.heldBytes();
        }
    }

    private static void write(final ThingStore store, final ThingId id, final int round) throws Exception {
        store.modify(id, state -> Change.write(state.stamp(state.current()
                .orElseGet(() -> ThingsModelFactory.newThingBuilder().setId(id).build())
                .setAttribute(JsonPointer.of("round"), JsonValue.of(round))), state.nextRevision()))
                .get(10, TimeUnit.SECONDS);
    }

    private static void merge(final ThingStore store, final ThingId id, final int round) throws Exception {
        final JsonPointer at = JsonPointer.of("attributes/round");
        store.modify(id, state -> Change.write(state.stamp(state.current().orElseThrow()
                .setAttribute(JsonPointer.of("round"), JsonValue.of(round))), state.nextRevision())
                .withDelta(ThingDelta.merge(at, JsonValue.of(round)))).get(10, TimeUnit.SECONDS);
    }

    private static Set<String> held(final ThingStore store, final List<ThingId> things) {
        final Set<String> held = new TreeSet<>();
        things.stream().filter(store::isMaterialized).forEach(id -> held.add(id.toString()));
        return held;
    }
}
