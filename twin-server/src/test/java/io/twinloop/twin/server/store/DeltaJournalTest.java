package io.twinloop.twin.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's delta entries (format 2) on real files: recovery gives the state before the restart (also across
 * snapshots, and with a journal that overlaps the snapshot), a torn delta line is dropped, a delta whose predecessor
 * is missing is corruption named by file and line, and a journal of whole things as older versions wrote it still
 * loads, also with deltas after it.
 */
class DeltaJournalTest {

    private static final ThingId A = ThingId.of("org.example:a");
    private static final ThingId B = ThingId.of("org.example:b");

    @TempDir
    Path directory;

    /** Sets attribute {@code key}, journaled as that attribute; creates the thing (whole) if it does not exist. */
    private static Change<Long> setAttribute(final ThingState state, final String key, final long value) {
        final JsonPointer pointer = JsonPointer.of(key);
        if (state.current().isEmpty()) {
            return Change.write(state.stamp(ThingsModelFactory.newThingBuilder()
                    .setAttribute(pointer, JsonValue.of(value)).build()), state.nextRevision());
        }
        final Thing current = state.current().get();
        final Optional<JsonValue> previous = current.getAttributes().flatMap(a -> a.getValue(pointer));
        return Change.write(state.stamp(current.setAttribute(pointer, JsonValue.of(value))), state.nextRevision())
                .withDelta(ThingDelta.set(JsonPointer.of("attributes").append(pointer), JsonValue.of(value), previous));
    }

    private static void write(final ThingStore store, final ThingId id, final String key, final long value)
            throws Exception {
        store.modify(id, state -> setAttribute(state, key, value)).get(10, TimeUnit.SECONDS);
    }

    private static Map<ThingId, String> contentOf(final ThingStore store) {
        final Map<ThingId, String> content = new LinkedHashMap<>();
        for (final ThingId id : List.of(A, B)) {
            content.put(id, store.get(id).map(t -> StoredThing.jsonObjectOf(t).toString()).orElse("absent"));
        }
        return content;
    }

    /** The data folder as a crash would leave it: copied while the store is open. */
    private Path crashCopy() throws Exception {
        final Path copy = Files.createTempDirectory(directory, "crashed");
        for (final String name : List.of(ThingStore.JOURNAL_FILE, ThingStore.SNAPSHOT_FILE)) {
            if (Files.exists(directory.resolve(name))) {
                Files.copy(directory.resolve(name), copy.resolve(name));
            }
        }
        return copy;
    }

    private List<String> journalLines() throws Exception {
        return new ArrayList<>(Files.readAllLines(directory.resolve(ThingStore.JOURNAL_FILE), StandardCharsets.UTF_8));
    }

    private void writeJournal(final List<String> lines) throws Exception {
        Files.writeString(directory.resolve(ThingStore.JOURNAL_FILE), String.join("\n", lines) + "\n",
                StandardCharsets.UTF_8);
    }

    @Test
    void recoveryAcrossSnapshotsGivesTheStateBeforeTheRestart() throws Exception {
        final Map<ThingId, String> before;
        final Path crashed;
        try (ThingStore store = ThingStore.open(directory, 3)) { // snapshots after every third change
            for (int i = 0; i < 10; i++) {
                write(store, i % 3 == 0 ? B : A, "n" + (i % 4), i);
            }
            write(store, A, "last", 99);
            before = contentOf(store);
            crashed = crashCopy();
            // the journal holds the changes since the last snapshot, as deltas
            assertThat(journalLines()).isNotEmpty().allSatisfy(line -> assertThat(line).contains("\"set\":["));
        }
        try (ThingStore recovered = ThingStore.open(crashed)) {
            assertThat(contentOf(recovered)).isEqualTo(before);
        }
        try (ThingStore reopened = ThingStore.open(directory)) {
            assertThat(contentOf(reopened)).isEqualTo(before);
            write(reopened, A, "after", 1);
            assertThat(reopened.get(A).orElseThrow().getRevision().orElseThrow().toLong())
                    .isEqualTo(store(before, A).getRevision().orElseThrow().toLong() + 1);
        }
    }

    private static Thing store(final Map<ThingId, String> content, final ThingId id) {
        return ThingsModelFactory.newThing(content.get(id));
    }

    @Test
    void aJournalOverlappingTheSnapshotSkipsWhatTheSnapshotHas() throws Exception {
        final List<String> overlapping;
        final Map<ThingId, String> before;
        try (ThingStore store = ThingStore.open(directory)) {
            write(store, A, "x", 1);
            write(store, A, "x", 2);
            write(store, A, "y", 3);
            overlapping = journalLines();
            write(store, A, "x", 4);
            before = contentOf(store);
        }
        // a crash between writing the snapshot (revision 4) and emptying the journal (revisions 1 to 3)
        writeJournal(overlapping);
        try (ThingStore reopened = ThingStore.open(directory)) {
            assertThat(contentOf(reopened)).isEqualTo(before);
        }
    }

    @Test
    void aTornDeltaLineIsDroppedAndCutOff() throws Exception {
        final List<String> lines;
        try (ThingStore store = ThingStore.open(directory)) {
            write(store, A, "x", 1);
            write(store, A, "x", 2);
            lines = journalLines();
        }
        Files.deleteIfExists(directory.resolve(ThingStore.SNAPSHOT_FILE));
        final String third = lines.get(1).replace("\"revision\":2", "\"revision\":3").replace(":2}", ":3}");
        Files.writeString(directory.resolve(ThingStore.JOURNAL_FILE),
                lines.get(0) + "\n" + lines.get(1) + "\n" + third.substring(0, third.length() - 5),
                StandardCharsets.UTF_8);
        try (ThingStore reopened = ThingStore.open(directory)) {
            assertThat(reopened.get(A).orElseThrow().getRevision().orElseThrow().toLong()).isEqualTo(2);
            assertThat(reopened.get(A).orElseThrow().getAttributes().orElseThrow().getValue("x"))
                    .contains(JsonValue.of(2));
            write(reopened, A, "x", 3);
        }
        try (ThingStore reopened = ThingStore.open(directory)) {
            assertThat(reopened.get(A).orElseThrow().getAttributes().orElseThrow().getValue("x"))
                    .contains(JsonValue.of(3));
        }
    }

    @Test
    void aDeltaWhosePredecessorIsMissingIsCorruptionNamedByFileAndLine() throws Exception {
        final List<String> lines;
        try (ThingStore store = ThingStore.open(directory)) {
            write(store, A, "x", 1);
            write(store, A, "x", 2);
            write(store, A, "x", 3);
            lines = journalLines();
        }
        Files.deleteIfExists(directory.resolve(ThingStore.SNAPSHOT_FILE));
        writeJournal(List.of(lines.get(0), lines.get(2)));
        assertThatThrownBy(() -> ThingStore.open(directory)).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining(ThingStore.JOURNAL_FILE).hasMessageContaining("line 2")
                .hasMessageContaining("revision 3 follows revision 1");

        writeJournal(List.of(lines.get(1)));
        assertThatThrownBy(() -> ThingStore.open(directory)).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("line 1").hasMessageContaining("does not exist");
    }

    @Test
    void aJournalOfWholeThingsAsOlderVersionsWroteItLoadsAlsoWithDeltasAfterIt() throws Exception {
        // format 1: every change is the whole thing (this is a line as the server wrote it before format 2)
        final String old1 = "{\"thingId\":\"org.example:a\",\"revision\":1,\"timestamp\":\"2026-01-01T00:00:00Z\","
                + "\"thing\":{\"thingId\":\"org.example:a\",\"attributes\":{\"x\":1},\"_revision\":1,"
                + "\"_modified\":\"2026-01-01T00:00:00Z\",\"_created\":\"2026-01-01T00:00:00Z\"}}";
        final String old2 = old1.replace("\"revision\":1", "\"revision\":2").replace("\"_revision\":1",
                "\"_revision\":2").replace("\"x\":1", "\"x\":1,\"y\":2");
        writeJournal(List.of(old1, old2));
        try (ThingStore store = ThingStore.open(directory)) {
            assertThat(store.get(A).orElseThrow().getAttributes().orElseThrow().getValue("y"))
                    .contains(JsonValue.of(2));
            write(store, A, "x", 5);
            assertThat(journalLines()).hasSize(3);
            assertThat(journalLines().get(2)).contains("\"set\":[\"attributes\",\"x\"],\"value\":5");
            crashAndCompare(store);
        }
    }

    private void crashAndCompare(final ThingStore store) throws Exception {
        final Map<ThingId, String> before = contentOf(store);
        try (ThingStore recovered = ThingStore.open(crashCopy())) {
            assertThat(contentOf(recovered)).isEqualTo(before);
        }
    }

    @Test
    void aDeltaThatDoesNotDescribeTheWholeChangeFailsTheWriteWithAssertionsEnabled() throws Exception {
        try (ThingStore store = ThingStore.open(directory)) {
            write(store, A, "x", 1);
            final var wrong = store.modify(A, state -> Change.write(state.stamp(state.current().orElseThrow()
                            .setAttribute(JsonPointer.of("x"), JsonValue.of(2))
                            .setAttribute(JsonPointer.of("y"), JsonValue.of(3))), 0L)
                    .withDelta(ThingDelta.set(JsonPointer.of("attributes/x"), JsonValue.of(2),
                            Optional.of(JsonValue.of(1)))));
            assertThatThrownBy(() -> wrong.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(AssertionError.class);
            assertThat(store.get(A).orElseThrow().getRevision().orElseThrow().toLong()).isEqualTo(1);
        }
    }

    @Test
    void aJournalChangingMoreThingsThanAreReplayedAsObjectsAtOnceRecoversEveryOne() throws Exception {
        final int count = Replay.OPEN_THINGS * 2 + 5;
        final Map<ThingId, String> before = new LinkedHashMap<>();
        final Path crashed;
        try (ThingStore store = ThingStore.open(directory)) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < count; i++) {
                    write(store, ThingId.of("org.example:many-" + i), "round" + (round % 2), round * 1000L + i);
                }
            }
            store.thingIds().forEach(id -> before.put(id, StoredThing.jsonObjectOf(store.get(id).orElseThrow())
                    .toString()));
            crashed = crashCopy();
        }
        try (ThingStore recovered = ThingStore.open(crashed)) {
            final Map<ThingId, String> after = new LinkedHashMap<>();
            recovered.thingIds().forEach(id -> after.put(id, StoredThing.jsonObjectOf(recovered.get(id).orElseThrow())
                    .toString()));
            assertThat(after).hasSize(count).isEqualTo(before);
        }
    }

    @Test
    void aMeasuredSizeResetsTheBoundThatMergesOnlyRaise() throws Exception {
        try (ThingStore store = ThingStore.open(directory)) {
            write(store, A, "speed", 1);
            final JsonPointer speed = JsonPointer.of("attributes/speed");
            for (int i = 0; i < 50; i++) {
                final long value = i;
                store.modify(A, state -> Change.write(state.stamp(state.current().orElseThrow()
                        .setAttribute(JsonPointer.of("speed"), JsonValue.of(value))), state.nextRevision())
                        .withDelta(ThingDelta.merge(speed, JsonValue.of(value)))).get(10, TimeUnit.SECONDS);
            }
            final long raised = store.modify(A, state -> Change.none(state.currentJsonBytes()))
                    .get(10, TimeUnit.SECONDS);
            final long length = store.get(A).orElseThrow().toJsonString().length();
            assertThat(raised).as("each merge adds its patch and room for a new key").isGreaterThan(length + 50 * 20);

            store.modify(A, state -> {
                final Thing next = state.stamp(state.current().orElseThrow()
                        .setAttribute(JsonPointer.of("speed"), JsonValue.of(99)));
                return Change.write(next, state.nextRevision()).withDelta(ThingDelta.merge(speed, JsonValue.of(99)))
                        .withMeasuredSize(next.toJsonString().length());
            }).get(10, TimeUnit.SECONDS);
            final long measured = store.modify(A, state -> Change.none(state.currentJsonBytes()))
                    .get(10, TimeUnit.SECONDS);
            final long lengthNow = store.get(A).orElseThrow().toJsonString().length();
            assertThat(measured).isGreaterThanOrEqualTo(lengthNow).isLessThan(lengthNow + 200);
        }
    }
}
