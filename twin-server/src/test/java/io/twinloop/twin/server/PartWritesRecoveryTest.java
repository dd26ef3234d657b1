package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.Test;

import io.twinloop.twin.server.store.ThingStore;

/**
 * Writes of parts of a thing are journaled as the part (a delta), and every kind of them is rebuilt exactly after a
 * crash (the data folder as it is while the server runs) and after a clean restart (from the snapshot). With
 * assertions enabled, as in every test run, the store also checks each delta against the thing the write made.
 */
class PartWritesRecoveryTest extends ServerTestSupport {

    private static final String ALL = "?fields=thingId,policyId,definition,attributes,features,_revision,_created,"
            + "_modified";

    private void expectStatus(final int status, final java.net.http.HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    private void writeEveryKindOfPart() throws Exception {
        createThing();
        expectStatus(204, put(THING + "/features/spindle/properties/speed", "1400"));
        expectStatus(201, put(THING + "/features/spindle/properties/temperatures/bearing", "{\"c\":41.5}"));
        expectStatus(201, put(THING + "/attributes/name", "\"Fr\u00e4se \\\"1\\\" ~/\""));
        expectStatus(201, put(THING + "/attributes/a~b", "[1,2,{\"x\":null}]"));
        expectStatus(204, patch(THING + "/features/spindle/properties", "{\"speed\":null,\"mode\":\"auto\"}"));
        expectStatus(204, delete(THING + "/features/spindle/desiredProperties/speed"));
        expectStatus(201, put(THING + "/features/cooler", "{\"properties\":{\"on\":true}}"));
        expectStatus(201, put(THING + "/features/cooler/definition", "[\"org.example:cooler:1.0.0\"]"));
        expectStatus(201, put(THING + "/definition", "\"org.example:machine:1.0.0\""));
        expectStatus(204, patch(THING + "/attributes", "{\"location\":\"hall 2\",\"tags\":[\"a\",\"b\"]}"));
        expectStatus(204, patch(THING + "/features/cooler", "{\"desiredProperties\":{\"on\":false}}"));
        expectStatus(204, put(THING + "/features/spindle/properties", "{\"speed\":1500}"));
        expectStatus(204, delete(THING + "/features/cooler/definition"));
        expectStatus(204, delete(THING + "/attributes/tags"));
        expectStatus(204, delete(THING + "/features/cooler"));
        expectStatus(204, put(THING + "/features/spindle/properties/speed", "1600.25"));
        // merges of values into parts that exist are journaled as their patch (a device's or agent's usual write)
        expectStatus(204, patch(THING + "/features", "{\"spindle\":{\"properties\":{\"speed\":1650,"
                + "\"temperatures\":{\"motor\":55.5,\"bearing\":{\"c\":42}},\"queue\":[\"J1\",\"J2\"]}}}"));
        expectStatus(204, patch(THING, "{\"features\":{\"spindle\":{\"desiredProperties\":{\"speed\":1800}}}}"));
        expectStatus(204, patch(THING + "/features/spindle/properties/temperatures", "{\"bearing\":7}"));
    }

    @Test
    void everyKindOfPartWriteIsJournaledAsItsPartAndRebuiltExactly() throws Exception {
        writeEveryKindOfPart();
        final JsonObject before = json(get(THING + ALL));
        assertThat(before.getValue("_revision").orElseThrow().asLong()).isEqualTo(20);

        final List<String> lines = Files.readAllLines(dataDirectory.resolve(ThingStore.JOURNAL_FILE),
                StandardCharsets.UTF_8);
        assertThat(lines).hasSize(20);
        assertThat(lines.get(0)).contains("\"thing\":{");
        assertThat(lines.subList(1, lines.size())).allSatisfy(line ->
                assertThat(line).doesNotContain("\"thing\":").containsAnyOf("\"set\":[", "\"remove\":[", "\"merge\":["));
        assertThat(lines.subList(lines.size() - 3, lines.size())).allSatisfy(line ->
                assertThat(line).contains("\"merge\":["));

        // a crash: the folder as it is now, journal only (close would snapshot)
        final Path crashed = copyOfDataFolder();
        try (TwinServer recovered = TwinServer.start(TwinServerConfig.of(crashed).withUser(USER, PASSWORD))
                .get(30, TimeUnit.SECONDS)) {
            assertThat(json(send(request(THING + ALL).uri(
                    java.net.URI.create(recovered.httpUri() + "/api/2/things/" + THING + ALL)).GET().build())))
                    .isEqualTo(before);
        }

        restart();
        assertThat(json(get(THING + ALL))).isEqualTo(before);
        assertThat(put(THING + "/features/spindle/properties/speed", "1700").statusCode()).isEqualTo(204);
        assertThat(etag(get(THING))).isEqualTo("\"rev:21\"");
    }

    private Path copyOfDataFolder() throws Exception {
        final Path copy = Files.createDirectory(dataDirectory.resolve("crashed"));
        for (final String name : List.of(ThingStore.JOURNAL_FILE, ThingStore.SNAPSHOT_FILE, "policies.jsonl")) {
            final Path file = dataDirectory.resolve(name);
            if (Files.exists(file)) {
                Files.copy(file, copy.resolve(name));
            }
        }
        return copy;
    }
}
