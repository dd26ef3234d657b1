package io.twinloop.optimizer.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.audit.AgentKey;
import io.twinloop.audit.DecisionLog;
import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.dispatch.DispatchOutcome;

/**
 * What the optimizer wrote last, read back from a real signed decision log in the shapes {@code DecisionRecorder}
 * writes: only what a twin answered {@code WRITTEN} to, an approval's rebased actions over its decision's, a
 * withdrawal's removal; and kept current by the service's writes, a value under way included.
 */
class OwnWritesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThingId PRESS = ThingId.of("line:Press01");
    private static final ThingId CNC = ThingId.of("line:CNC01");
    private static final String OP = "OperationalData";

    @TempDir
    Path tmp;

    @Test
    void theLogSaysWhatWasWrittenAndWhatWasNot() throws Exception {
        final Path file = tmp.resolve("decisions.jsonl");
        try (DecisionLog log = DecisionLog.open(file, AgentKey.loadOrCreate(tmp.resolve("keys"), "optimizer"))) {
            log.append("decision", "d1", decision(action(PRESS, "Speed", "70.0")));
            log.append("dispatch", "d1", dispatch(PRESS, "WRITTEN"));
            log.append("decision", "d2", decision(action(CNC, "Speed", "85.0")));
            log.append("dispatch", "d2", dispatch(CNC, "CONFLICT"));
            // a proposal approved later: its rebased actions are what was written
            log.append("decision", "d3", decision(action(CNC, "Speed", "60.0")));
            final ObjectNode approval = JSON.createObjectNode();
            approval.putObject("recheck").putObject("candidate").putArray("actions")
                    .add(action(CNC, "Speed", "65.0"));
            log.append("approval", "d3", approval);
            log.append("dispatch", "d3", dispatch(CNC, "WRITTEN"));
            log.append("decision", "d4", decision(action(PRESS, "MaintenanceRequest", "true")));
            log.append("dispatch", "d4", dispatch(PRESS, "WRITTEN"));
            log.append("withdrawal", "d4", dispatch(PRESS, "WRITTEN"));
        }
        Files.writeString(file, "{\"entry\":{\"torn", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        final OwnWrites own = OwnWrites.fromLog(file);
        assertThat(own.wrote(PRESS, OP, "Speed", JsonValue.of(70))).as("70 and 70.0 are one setting").isTrue();
        assertThat(own.wrote(PRESS, OP, "Speed", JsonValue.of(110))).isFalse();
        assertThat(own.wrote(CNC, OP, "Speed", JsonValue.of(85.0))).as("a 412 wrote nothing").isFalse();
        assertThat(own.wrote(CNC, OP, "Speed", JsonValue.of(60.0))).isFalse();
        assertThat(own.wrote(CNC, OP, "Speed", JsonValue.of(65.0))).as("the approval's rebased value").isTrue();
        assertThat(own.wrote(PRESS, OP, "MaintenanceRequest", JsonValue.of(true))).as("withdrawn since").isFalse();
        assertThat(OwnWrites.fromLog(tmp.resolve("missing.jsonl")).wrote(PRESS, OP, "Speed", JsonValue.of(70)))
                .isFalse();
    }

    @Test
    void aValueUnderWayCountsUntilTheTwinAnswers() {
        final OwnWrites own = OwnWrites.none();
        final List<Action> actions = List.of(new Action(PRESS, OP, JsonPointer.of("Speed"), JsonValue.of(85.0), 3));
        own.writing(actions);
        assertThat(own.wrote(PRESS, OP, "Speed", JsonValue.of(85.0))).isTrue();
        own.answered(actions, List.of(new DispatchOutcome(PRESS, DispatchOutcome.Status.CONFLICT, 3, "412")));
        assertThat(own.wrote(PRESS, OP, "Speed", JsonValue.of(85.0))).as("refused: not the optimizer's").isFalse();
        own.writing(actions);
        own.answered(actions, List.of(new DispatchOutcome(PRESS, DispatchOutcome.Status.WRITTEN, 3, "204")));
        assertThat(own.wrote(PRESS, OP, "Speed", JsonValue.of(85.0))).isTrue();
    }

    private static ObjectNode action(final ThingId thing, final String property, final String value) {
        return JSON.createObjectNode().put("thingId", thing.toString())
                .put("path", "features/" + OP + "/desiredProperties/" + property).put("value", value)
                .put("basedOnRevision", 3);
    }

    private static ObjectNode decision(final ObjectNode action) {
        final ObjectNode body = JSON.createObjectNode();
        body.putObject("chosen").putArray("actions").add(action);
        return body;
    }

    private static ObjectNode dispatch(final ThingId thing, final String status) {
        final ObjectNode body = JSON.createObjectNode();
        body.putArray("outcomes").addObject().put("thingId", thing.toString()).put("status", status);
        return body;
    }
}
