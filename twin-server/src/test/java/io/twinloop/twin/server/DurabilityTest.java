package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.junit.jupiter.api.Test;

import io.twinloop.twin.server.store.Change;
import io.twinloop.twin.server.store.StoreCorruptedException;
import io.twinloop.twin.server.store.ThingStore;

class DurabilityTest extends ServerTestSupport {

    private Path journal() {
        return dataDirectory.resolve(ThingStore.JOURNAL_FILE);
    }

    @Test
    void thingsAndRevisionsSurviveARestart() throws Exception {
        createThing();
        put(THING + "/features/spindle/properties/speed", "1400");
        put("org.example:deleted", "{}");
        delete("org.example:deleted");
        final JsonObject before = json(get(THING + "?fields=thingId,attributes,features,_revision,_created"));

        restart();

        assertThat(json(get(THING + "?fields=thingId,attributes,features,_revision,_created"))).isEqualTo(before);
        assertThat(etag(get(THING))).isEqualTo("\"rev:2\"");
        assertThat(get("org.example:deleted").statusCode()).isEqualTo(404);
        // the deletion's revision was kept: re-creating continues from it
        assertThat(etag(put("org.example:deleted", "{\"policyId\":\"org.example:deleted\"}")))
                .isEqualTo("\"rev:3\"");
        assertThat(put(THING + "/attributes/after", "1").statusCode()).isEqualTo(201);
        assertThat(etag(get(THING))).isEqualTo("\"rev:3\"");
    }

    @Test
    void closeWritesASnapshotAndEmptiesTheJournal() throws Exception {
        createThing();
        server.close();
        assertThat(Files.size(journal())).isZero();
        assertThat(dataDirectory.resolve(ThingStore.SNAPSHOT_FILE)).isNotEmptyFile();
        server = TwinServer.start(config()).get(30, TimeUnit.SECONDS);
        assertThat(etag(get(THING))).isEqualTo("\"rev:1\"");
    }

    @Test
    void aTornLastJournalLineIsDropped() throws Exception {
        createThing();
        put(THING + "/attributes/a", "1");
        final List<String> lines = journalLinesWhileRunning();
        server.close();
        // simulate a crash while writing revision 3: the journal holds revisions 1 and 2 and half of a third line
        final String third = lines.get(1).replace("\"revision\":2", "\"revision\":3");
        Files.writeString(journal(), lines.get(0) + "\n" + lines.get(1) + "\n" + third.substring(0, 40),
                StandardCharsets.UTF_8);
        Files.deleteIfExists(dataDirectory.resolve(ThingStore.SNAPSHOT_FILE));

        server = TwinServer.start(config()).get(30, TimeUnit.SECONDS);

        assertThat(etag(get(THING))).isEqualTo("\"rev:2\"");
        assertThat(get(THING + "/attributes/a").body()).isEqualTo("1");
        // the torn bytes were cut off, so the next write does not glue onto them and the journal stays readable
        assertThat(put(THING + "/attributes/b", "2").statusCode()).isEqualTo(201);
        restart();
        assertThat(etag(get(THING))).isEqualTo("\"rev:3\"");
    }

    @Test
    void aCorruptMiddleLineFailsTheStartNamingFileAndLine() throws Exception {
        createThing();
        put(THING + "/attributes/a", "1");
        final List<String> lines = journalLinesWhileRunning();
        server.close();
        server = null;
        Files.writeString(journal(), lines.get(0) + "\n{not json\n" + lines.get(1) + "\n", StandardCharsets.UTF_8);
        Files.deleteIfExists(dataDirectory.resolve(ThingStore.SNAPSHOT_FILE));

        final ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> TwinServer.start(config()).get(30, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining(journal().toString())
                .hasMessageContaining("line 2");
    }

    /** The journal as it is before close (close snapshots and empties it). */
    private List<String> journalLinesWhileRunning() throws Exception {
        final List<String> lines = new ArrayList<>(Files.readAllLines(journal(), StandardCharsets.UTF_8));
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
        return lines;
    }

    @Test
    void snapshotIntervalIsHonoured() throws Exception {
        // a store opened directly with a small interval snapshots by itself
        server.close();
        server = null;
        try (ThingStore store = ThingStore.open(dataDirectory.resolve("direct"), 3)) {
            for (int i = 0; i < 4; i++) {
                final int n = i;
                store.modify(ThingId.of("org.example:t" + n),
                        state -> Change.write(state.stamp(ThingsModelFactory.newThingBuilder().build()), n))
                        .get(10, TimeUnit.SECONDS);
            }
            assertThat(Files.readAllLines(dataDirectory.resolve("direct").resolve(ThingStore.JOURNAL_FILE)))
                    .hasSize(1);
            assertThat(dataDirectory.resolve("direct").resolve(ThingStore.SNAPSHOT_FILE)).isNotEmptyFile();
        }
        // the snapshot of three things and the journal's fourth give all four back
        try (ThingStore reopened = ThingStore.open(dataDirectory.resolve("direct"), 3)) {
            assertThat(reopened.size()).isEqualTo(4);
        }
    }
}
