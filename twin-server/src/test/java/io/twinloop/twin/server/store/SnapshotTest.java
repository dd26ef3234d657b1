package io.twinloop.twin.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A large snapshot is read in parallel regions with the same result, and a bad line is still named exactly. */
class SnapshotTest {

    @TempDir
    Path directory;

    private Path snapshotOf(final int things) throws Exception {
        final List<JournalEntry> entries = new ArrayList<>();
        for (int i = 0; i < things; i++) {
            final ThingId id = ThingId.of("org.example:t-" + i);
            entries.add(JournalEntry.whole(id, i + 1L, Instant.EPOCH, StoredThing.serialize(Thing.newBuilder()
                    .setId(id).setRevision(i + 1L).setAttribute(JsonPointer.of("n"), JsonValue.of(i)).build())));
        }
        final Path file = directory.resolve(ThingStore.LEGACY_SNAPSHOT_FILE);
        Snapshot.write(file, entries);
        return file;
    }

    private static Map<ThingId, Long> read(final Path file, final long parallelBytes) throws Exception {
        final Map<ThingId, Long> read = new ConcurrentHashMap<>();
        Snapshot.read(file, entry -> read.put(entry.thingId(), entry.revision()), parallelBytes);
        return read;
    }

    @Test
    void regionsReadInParallelGiveWhatOneSequentialReadGives() throws Exception {
        final Path file = snapshotOf(1000);
        final Map<ThingId, Long> sequential = read(file, Long.MAX_VALUE);
        assertThat(sequential).hasSize(1000);
        assertThat(read(file, 1)).isEqualTo(sequential);
    }

    @Test
    void aCorruptLineInALaterRegionIsNamedByItsLineInTheFile() throws Exception {
        final Path file = snapshotOf(1000);
        final List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.set(899, lines.get(899).replace("\"thing\":{", "\"thing\":{oops"));
        Files.write(file, lines, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> read(file, 1)).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("at line 900");
        assertThatThrownBy(() -> read(file, Long.MAX_VALUE)).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("at line 900");
    }

    @Test
    void theStoreSnapshotsBinaryAndStillLoadsASnapshotOfWholeThingsAsText() throws Exception {
        final Path text = snapshotOf(50); // format 1: every thing as its JSON text
        final Map<ThingId, String> expected = new java.util.HashMap<>();
        try (ThingStore store = ThingStore.open(directory)) {
            assertThat(store.size()).isEqualTo(50);
            store.thingIds().forEach(id -> expected.put(id, StoredThing.jsonObjectOf(store.get(id).orElseThrow())
                    .toString()));
            store.modify(ThingId.of("org.example:t-3"), state -> Change.write(state.stamp(state.current()
                    .orElseThrow().setAttribute(JsonPointer.of("n"), JsonValue.of(-3))), 0L)).get();
            expected.put(ThingId.of("org.example:t-3"),
                    StoredThing.jsonObjectOf(store.get(ThingId.of("org.example:t-3")).orElseThrow()).toString());
        }
        // the store's own snapshot is binary now and replaces the JSON lines it was started from
        assertThat(text).doesNotExist();
        assertThat(directory.resolve(ThingStore.SNAPSHOT_FILE)).exists();
        try (ThingStore reopened = ThingStore.open(directory)) {
            final Map<ThingId, String> read = new java.util.HashMap<>();
            reopened.thingIds().forEach(id -> read.put(id, StoredThing.jsonObjectOf(reopened.get(id).orElseThrow())
                    .toString()));
            assertThat(read).isEqualTo(expected);
        }
    }

    @Test
    void aSnapshotOfAnEarlierFormatIsRewrittenAsBinaryAtCloseEvenWithoutChanges() throws Exception {
        final Path text = snapshotOf(20);
        try (ThingStore store = ThingStore.open(directory)) {
            assertThat(store.size()).isEqualTo(20);
        }
        assertThat(text).doesNotExist();
        try (ThingStore reopened = ThingStore.open(directory)) {
            assertThat(reopened.size()).isEqualTo(20);
            assertThat(reopened.get(ThingId.of("org.example:t-7")).orElseThrow().getAttributes().orElseThrow()
                    .getValue("n")).contains(JsonValue.of(7));
        }
    }

    @Test
    void aDamagedThingInTheBinarySnapshotIsNamedByItsRecord() throws Exception {
        writeThreeThings();
        final Path file = directory.resolve(ThingStore.SNAPSHOT_FILE);
        final byte[] bytes = Files.readAllBytes(file);
        final int second = indexOf(bytes, "org.example:d-1".getBytes(StandardCharsets.UTF_8));
        // a byte inside the second thing's deflated JSON, after id, revision, timestamp and both lengths
        bytes[second + 15 + 8 + 12 + 8 + 3] ^= 0x55;
        Files.write(file, bytes);

        assertThatThrownBy(() -> ThingStore.open(directory)).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("org.example:d-1")
                .hasMessageMatching(".* at record [1-3]: .*").hasMessageContaining("CRC-32");
    }

    @Test
    void aTruncatedBinarySnapshotIsRefusedNotHalfLoaded() throws Exception {
        writeThreeThings();
        final Path file = directory.resolve(ThingStore.SNAPSHOT_FILE);
        final byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 9)); // the end marker is gone

        assertThatThrownBy(() -> ThingStore.open(directory)).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("without its end marker");
        Files.write(file, "TWINSNAQ".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> ThingStore.open(directory)).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("not a TwinLoop snapshot");
    }

    @Test
    void binarySnapshotKeepsDeletionsAndTimestamps() throws Exception {
        final Instant when = Instant.parse("2026-11-22T10:15:30.123456789Z");
        final ThingId kept = ThingId.of("org.example:kept");
        final ThingId gone = ThingId.of("org.example:gone");
        final Path file = directory.resolve(ThingStore.SNAPSHOT_FILE);
        BinarySnapshot.write(file, List.of(
                JournalEntry.whole(kept, 7, when, StoredThing.serialize(Thing.newBuilder().setId(kept)
                        .setRevision(7).build())),
                JournalEntry.deleted(gone, 3, when)));

        final List<JournalEntry> read = new ArrayList<>();
        BinarySnapshot.read(file, read::add);

        assertThat(read).hasSize(2);
        assertThat((Object) read.get(0).thingId()).isEqualTo(kept);
        assertThat(read.get(0).revision()).isEqualTo(7);
        assertThat(read.get(0).timestamp()).isEqualTo(when);
        assertThat(new String(read.get(0).compressedThing().inflate(), StandardCharsets.UTF_8))
                .contains("\"thingId\":\"org.example:kept\"");
        assertThat(read.get(1).isDeletion()).isTrue();
        assertThat(read.get(1).revision()).isEqualTo(3);
        assertThatThrownBy(() -> BinarySnapshot.write(file, List.of(JournalEntry.delta(kept, 8, when,
                new ThingDelta(JsonPointer.of("/attributes/a"), java.util.Optional.empty(), java.util.Optional.empty(),
                        false))))).isInstanceOf(IllegalArgumentException.class);
        // a refused write leaves the snapshot that was there
        final List<JournalEntry> again = new ArrayList<>();
        BinarySnapshot.read(file, again::add);
        assertThat(again).hasSize(2);
    }

    private void writeThreeThings() throws Exception {
        try (ThingStore store = ThingStore.open(directory)) {
            for (int i = 0; i < 3; i++) {
                store.modify(ThingId.of("org.example:d-" + i), state -> Change.write(state.stamp(Thing.newBuilder()
                        .setAttribute(JsonPointer.of("n"), JsonValue.of(1)).build()), 0L)).get();
            }
        }
    }

    private static int indexOf(final byte[] haystack, final byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void compressedJsonRefusesDamagedBytes() {
        final byte[] json = "{\"thingId\":\"org.example:x\",\"attributes\":{\"a\":\"aaaaaaaaaaaaaaaaaaaaaaaaa\"}}"
                .getBytes(StandardCharsets.UTF_8);
        final CompressedJson compressed = CompressedJson.of(json);
        assertThat(compressed.inflate()).isEqualTo(json);
        assertThat(compressed.deflated().length).isLessThan(json.length);
        final byte[] damaged = compressed.deflated().clone();
        damaged[damaged.length / 2] ^= 0x55;
        assertThatThrownBy(() -> new CompressedJson(damaged, json.length).inflate())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged");
        assertThatThrownBy(() -> new CompressedJson(compressed.deflated(), json.length + 1).inflate())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged");
        assertThatThrownBy(() -> new CompressedJson(compressed.deflated(), json.length - 1).inflate())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged");
    }
}
