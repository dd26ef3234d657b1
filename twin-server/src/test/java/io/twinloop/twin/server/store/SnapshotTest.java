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
}
