package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.twinloop.twin.server.store.StoreCorruptedException;

/**
 * The policies' file ({@code policies.jsonl}) is read at start with the store's validating byte scanner: policies
 * survive a restart, a torn last line is dropped and cut off, and any other bad line fails the start naming the
 * file and line.
 */
class PolicyFileTest extends ServerTestSupport {

    private Path policies() {
        return dataDirectory.resolve("policies.jsonl");
    }

    @Test
    void policiesSurviveARestartAndATornLastLineIsDropped() throws Exception {
        createThing();
        assertThat(put("/policies/org.example:other", OWNER_POLICY).statusCode()).isEqualTo(201);
        final String before = get("/policies/org.example:other").body();
        server.close();
        final List<String> lines = Files.readAllLines(policies(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        Files.writeString(policies(), lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(1).substring(0, 30),
                StandardCharsets.UTF_8);

        server = TwinServer.start(config()).get(30, TimeUnit.SECONDS);

        assertThat(get("/policies/org.example:other").body()).isEqualTo(before);
        assertThat(get(THING).statusCode()).isEqualTo(200);
        // cut off, so the next change does not glue onto the torn bytes
        assertThat(put("/policies/org.example:third", OWNER_POLICY).statusCode()).isEqualTo(201);
        restart();
        assertThat(get("/policies/org.example:third").statusCode()).isEqualTo(200);
    }

    @Test
    void aBadLineFailsTheStartNamingFileAndLine() throws Exception {
        createThing();
        assertThat(put("/policies/org.example:other", OWNER_POLICY).statusCode()).isEqualTo(201);
        server.close();
        server = null;
        final List<String> lines = Files.readAllLines(policies(), StandardCharsets.UTF_8);
        for (final String bad : List.of("{not json", lines.get(1).replace("\"_revision\":1", "\"_revision\":2"),
                lines.get(1).replace("\"revision\":1", "\"revision\":\"1\""))) {
            Files.writeString(policies(), lines.get(0) + "\n" + bad + "\n" + lines.get(1) + "\n",
                    StandardCharsets.UTF_8);
            final ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> TwinServer.start(config()).get(30, TimeUnit.SECONDS), bad);
            assertThat(failure.getCause()).as(bad).isInstanceOf(StoreCorruptedException.class)
                    .hasMessageContaining(policies().toString()).hasMessageContaining("line 2");
        }
    }
}
