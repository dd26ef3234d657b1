package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.audit.AgentKey;
import io.twinloop.audit.DecisionLog;
import io.twinloop.audit.SignedEntry;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.decision.Decision;
import io.twinloop.optimizer.decision.DecisionRecorder;
import io.twinloop.optimizer.decision.ImpactClass;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.goal.Evaluation;
import io.twinloop.optimizer.goal.Objectives;
import io.twinloop.optimizer.outcome.OutcomeTracker;
import io.twinloop.optimizer.whatif.WhatIfReport;

/** {@code twinloop audit verify} on a log with a simulated prediction and an observed outcome, as written. */
class AuditOutcomeEntriesTest {

    @TempDir
    Path tmp;

    @Test
    void aLogWithPredictionsAndOutcomesVerifiesAndAnEditedOutcomeIsFound() throws IOException {
        final Path log = tmp.resolve("decisions.jsonl");
        final Path keys = tmp.resolve("keys");
        final Objectives chosen = new Objectives(120, 40, 2, 200);
        final Objectives noChange = new Objectives(150, 55, 0, 240);
        final WhatIfReport report = new WhatIfReport("des", Duration.ofHours(4), chosen,
                Optional.of(new Objectives(5, 1, 0.1, 6)), noChange, Optional.of(new Objectives(4, 1, 0, 5)), 8,
                Duration.ofMillis(300), Optional.empty(), List.of("the simulation confirms the choice"));
        final Candidate candidate = new Candidate("maintenance", "maintain line:CNC01", List.of(), "worn");
        final Evaluation evaluation = new Evaluation(candidate, chosen, 1, 0.8, List.of());
        final Decision decision = new Decision("d-1", Instant.parse("2026-01-05T06:00:00Z"), Map.of(),
                List.of(new Evaluation(Candidate.noChange(), noChange, 2, 0.8, List.of()), evaluation), evaluation,
                List.of(evaluation), new ImpactPolicy.Judgement(ImpactClass.HIGH, List.of("irreversible")),
                Decision.Disposition.PROPOSE, report);
        try (DecisionLog decisions = DecisionLog.open(log, AgentKey.loadOrCreate(keys, "optimizer"))) {
            final DecisionRecorder recorder = new DecisionRecorder(decisions);
            final SignedEntry entry = recorder.decided(decision);
            recorder.observed(new OutcomeTracker.Observation("d-1", entry.hash(), "chosen", List.of(report),
                    Instant.parse("2026-01-05T06:10:00Z"), Instant.parse("2026-01-05T10:10:00Z"),
                    new Objectives(131, 43.5, 2.2, 188), 480));
        }
        final String written = Files.readString(log);
        assertThat(written).contains("\"kind\":\"outcome\"").contains("\"decisionHash\"").contains("\"error\"");

        final CommandRun intact = CommandRun.of("audit", "verify", log.toString(), "--keys", keys.toString());
        assertThat(intact.exitCode()).isZero();
        assertThat(intact.out()).contains("2 entries, last 2, signed head checked; intact");

        final List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        assertThat(lines.get(1)).contains("\"throughputUnits\":188.0");
        lines.set(1, lines.get(1).replaceFirst("\"throughputUnits\":188.0", "\"throughputUnits\":240.0"));
        Files.write(log, lines, StandardCharsets.UTF_8);
        final CommandRun edited = CommandRun.of("audit", "verify", log.toString(), "--keys", keys.toString());
        assertThat(edited.exitCode()).isEqualTo(TwinLoop.EXIT_REFUSED);
        assertThat(edited.out()).contains("line 2: EDITED: entry 2 (decision d-1, outcome) was changed after it was "
                + "written");
    }
}
