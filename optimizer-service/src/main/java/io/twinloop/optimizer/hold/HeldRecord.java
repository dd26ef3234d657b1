package io.twinloop.optimizer.hold;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.optimizer.agent.Candidate;

/**
 * The persons' settings a decision would override, as the decision log and the approvals API show them: whose value,
 * which, since and until when it holds, and what the agent asks for instead. One shape for both, so what a person
 * approves is what the log records.
 */
public final class HeldRecord {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HeldRecord() {
    }

    /**
     * {@code [{"thingId", "path", "personValue", "heldBy", "since", "until", "agent", "agentValue"}]}; values are JSON
     * text, as actions are recorded; {@code heldBy} is {@code unknown} for a value not seen written.
     */
    public static ArrayNode of(final List<ManualHold> held, final Candidate candidate) {
        final ArrayNode array = JSON.createArrayNode();
        for (final ManualHold hold : held) {
            final ObjectNode node = array.addObject().put("thingId", hold.thingId().toString()).put("path", hold.path())
                    .put("personValue", hold.value().toString()).put("heldBy", hold.writer())
                    .put("since", hold.since().toString()).put("until", hold.until().toString())
                    .put("agent", candidate.agent());
            candidate.actions().stream().filter(hold::overriddenBy).findFirst()
                    .ifPresent(action -> node.put("agentValue", action.value().toString()));
        }
        return array;
    }
}
