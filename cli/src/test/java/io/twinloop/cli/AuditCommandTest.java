package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.twinloop.audit.AgentKey;
import io.twinloop.audit.DecisionLog;

class AuditCommandTest {

    @TempDir
    Path tmp;

    @Test
    void verifySaysIntactOrNamesTheLineThatWasTamperedWith() throws IOException {
        final Path log = tmp.resolve("decisions.jsonl");
        final Path keys = tmp.resolve("keys");
        try (DecisionLog decisions = DecisionLog.open(log, AgentKey.loadOrCreate(keys, "optimizer"))) {
            for (int i = 1; i <= 3; i++) {
                decisions.append("decision", "d-" + i, new ObjectMapper().createObjectNode().put("speed", 100 + i));
            }
        }
        final CommandRun intact = CommandRun.of("audit", "verify", log.toString(), "--keys", keys.toString());
        assertThat(intact.exitCode()).isZero();
        assertThat(intact.out()).contains("3 entries, last 3, signed head checked; intact");

        final List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        lines.set(1, lines.get(1).replace("\"speed\":102", "\"speed\":120"));
        Files.write(log, lines, StandardCharsets.UTF_8);

        final CommandRun edited = CommandRun.of("audit", "verify", log.toString(), "--keys", keys.toString());
        assertThat(edited.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(edited.out()).contains("line 2: EDITED: entry 2 (decision d-2, decision) was changed after it was "
                + "written");
    }

    @Test
    void aMissingLogOrKeyDirectoryIsAUsageError() {
        final CommandRun run = CommandRun.of("audit", "verify", tmp.resolve("none.jsonl").toString(), "--keys",
                tmp.resolve("no-keys").toString());

        assertThat(run.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(run.err()).contains("the key directory").contains("no-keys").contains("does not exist");
    }
}
