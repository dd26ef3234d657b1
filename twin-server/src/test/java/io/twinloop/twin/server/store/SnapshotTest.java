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
        final Path file = directory.resolve(ThingStore.SNAPSHOT_FILE);
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
    void theStoreSnapshotsThingsDeflatedAndStillLoadsASnapshotOfWholeThingsAsText() throws Exception {
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
        final List<String> lines = Files.readAllLines(text, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(50).allSatisfy(line -> assertThat(line).contains("\"deflated\":\"")
                .contains("\"crc32\":").doesNotContain("\"thing\":"));
        try (ThingStore reopened = ThingStore.open(directory)) {
            final Map<ThingId, String> read = new java.util.HashMap<>();
            reopened.thingIds().forEach(id -> read.put(id, StoredThing.jsonObjectOf(reopened.get(id).orElseThrow())
                    .toString()));
            assertThat(read).isEqualTo(expected);
        }
    }

    @Test
    void aDamagedDeflatedThingIsNamedByItsLine() throws Exception {
        try (ThingStore store = ThingStore.open(directory)) {
            for (int i = 0; i < 3; i++) {
                store.modify(ThingId.of("org.example:d-" + i), state -> Change.write(state.stamp(Thing.newBuilder()
                        .setAttribute(JsonPointer.of("n"), JsonValue.of(1)).build()), 0L)).get();
            }
        }
        final Path file = directory.resolve(ThingStore.SNAPSHOT_FILE);
        final List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        final String line = lines.get(1);
        final int at = line.indexOf("\"deflated\":\"") + 14;
        // one base64 character changed: other bytes, same length
        lines.set(1, line.substring(0, at) + (line.charAt(at) == 'A' ? 'B' : 'A') + line.substring(at + 1));
        Files.write(file, lines, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ThingStore.open(directory)).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("at line 2")
                .hasMessageContaining("crc32");
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
