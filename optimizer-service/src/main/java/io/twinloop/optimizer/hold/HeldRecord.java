package io.twinloop.optimizer.hold;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
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
     * {@code [{"thingId", "path", "personValue", "heldBy", "since", "until", "agent", "agentValue"}]}; the values as
     * JSON (a number stays a number); {@code heldBy} is {@code unknown} for a value not seen written.
     */
    public static ArrayNode of(final List<ManualHold> held, final Candidate candidate) {
        final ArrayNode array = JSON.createArrayNode();
        for (final ManualHold hold : held) {
            final ObjectNode node = array.addObject().put("thingId", hold.thingId().toString())
                    .put("path", hold.path());
            node.set("personValue", json(hold.value().toString()));
            node.put("heldBy", hold.writer()).put("since", hold.since().toString())
                    .put("until", hold.until().toString()).put("agent", candidate.agent());
            candidate.actions().stream().filter(hold::overriddenBy).findFirst()
                    .ifPresent(action -> node.set("agentValue", json(action.value().toString())));
        }
        return array;
    }

    private static JsonNode json(final String text) {
        try {
            return JSON.readTree(text);
        } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(text); // Ditto's JSON text is JSON; kept as text if not
        }
    }
}
