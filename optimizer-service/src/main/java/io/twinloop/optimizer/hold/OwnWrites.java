package io.twinloop.optimizer.hold;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.twinloop.audit.AuditEntry;
import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.dispatch.DispatchOutcome;

/**
 * The desired values this optimizer wrote last, per desired property: what tells its own values from a person's
 * when no event named the writer (after a restart there is no event history; a twin read again after a gap). Built
 * from the signed decision log at start (each {@code dispatch} entry's twins that answered {@code WRITTEN}, with the
 * actions of its decision, or of its approval's or re-check's rebased candidate; a {@code withdrawal} removed the
 * {@code MaintenanceRequest}) and kept current by the service's writes. A value about to be written counts too, so
 * a read that sees it before the write's answer does not take it for a person's. Thread-safe.
 */
public final class OwnWrites {

    private static final Logger LOG = LoggerFactory.getLogger(OwnWrites.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a work order's withdrawal removes (service.WorkOrders). */
    private static final String WITHDRAWN = "OperationalData/MaintenanceRequest";

    /** by {@code <thing> <feature>/<property>}: the value last written (JSON null: removed) */
    private final Map<String, JsonValue> written = new HashMap<>();
    /** values being written now, by the same key */
    private final Map<String, List<JsonValue>> pending = new HashMap<>();

    /** Nothing written yet (a fresh decision log). */
    public static OwnWrites none() {
        return new OwnWrites();
    }

    /**
     * What the decision log says was written. A missing file is an empty log; a line that cannot be read (a torn
     * last line, which opening the log sets aside) is skipped with a warning naming file and line.
     */
    public static OwnWrites fromLog(final Path decisionLog) {
        final OwnWrites own = new OwnWrites();
        final Map<String, List<Action>> toWrite = new HashMap<>();
        int entries = 0;
        try (BufferedReader reader = Files.newBufferedReader(decisionLog, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    own.replay(AuditEntry.fromJson(JSON.readTree(line).get("entry")), toWrite);
                    entries++;
                } catch (final IOException | RuntimeException e) {
                    LOG.warn("decision log line not read for the optimizer's own writes: file={} line={} error=\"{}\"",
                            decisionLog, number, e.getMessage());
                }
            }
        } catch (final NoSuchFileException e) {
            return own;
        } catch (final IOException e) {
            throw new IllegalStateException("cannot read the decision log " + decisionLog + " for the optimizer's "
                    + "own writes: " + e, e);
        }
        LOG.info("the optimizer's own desired writes read from its decision log: file={} entries={} properties={}",
                decisionLog, entries, own.written.size());
        return own;
    }

    private void replay(final AuditEntry entry, final Map<String, List<Action>> toWrite) {
        final JsonNode body = entry.body();
        switch (entry.kind()) {
            case "decision" -> toWrite.put(entry.decisionId(), actions(body.path("chosen").path("actions")));
            case "approval", "recheck" -> toWrite.put(entry.decisionId(),
                    actions(body.path("recheck").path("candidate").path("actions")));
            case "dispatch" -> {
                final List<Action> actions = toWrite.getOrDefault(entry.decisionId(), List.of());
                for (final JsonNode outcome : body.path("outcomes")) {
                    if ("WRITTEN".equals(outcome.path("status").asText())) {
                        final String thing = outcome.path("thingId").asText();
                        actions.stream().filter(a -> a.thingId().toString().equals(thing))
                                .forEach(a -> written.put(key(a), a.value()));
                    }
                }
            }
            case "withdrawal" -> {
                for (final JsonNode outcome : body.path("outcomes")) {
                    if ("WRITTEN".equals(outcome.path("status").asText())) {
                        written.put(outcome.path("thingId").asText() + " " + WITHDRAWN, JsonFactory.nullLiteral());
                    }
                }
            }
            default -> {
                // outcomes, predictions, rejections: nothing written
            }
        }
    }

    /** The actions as recorded ({@code thingId}, {@code path}, {@code value} as JSON text); unreadable ones left out. */
    private static List<Action> actions(final JsonNode recorded) {
        final List<Action> actions = new ArrayList<>();
        for (final JsonNode action : recorded) {
            final String path = action.path("path").asText();
            final String[] parts = path.split("/", 4);
            if (parts.length < 4 || !"features".equals(parts[0]) || !"desiredProperties".equals(parts[2])) {
                continue;
            }
            try {
                actions.add(new Action(ThingId.of(action.path("thingId").asText()), parts[1],
                        JsonPointer.of(parts[3]), JsonFactory.readFrom(action.path("value").asText()),
                        Math.max(1, action.path("basedOnRevision").asLong(1))));
            } catch (final RuntimeException e) {
                LOG.debug("recorded action not read: {} ({})", action, e.getMessage());
            }
        }
        return actions;
    }

    private static String key(final Action action) {
        return action.thingId() + " " + action.featureId() + "/" + action.property().get(0).map(Object::toString)
                .orElse("");
    }

    private static String key(final ThingId thingId, final String featureId, final String property) {
        return thingId + " " + featureId + "/" + property;
    }

    /** Only whole top-level values are compared with what the twins show. */
    private static boolean topLevel(final Action action) {
        return action.property().getLevelCount() == 1;
    }

    /** The service is about to write these. */
    public synchronized void writing(final List<Action> actions) {
        actions.stream().filter(OwnWrites::topLevel)
                .forEach(a -> pending.computeIfAbsent(key(a), k -> new ArrayList<>()).add(a.value()));
    }

    /** The twins answered: what was {@code WRITTEN} is the optimizer's, the rest is no longer under way. */
    public synchronized void answered(final List<Action> actions, final List<DispatchOutcome> outcomes) {
        for (final Action action : actions.stream().filter(OwnWrites::topLevel).toList()) {
            final String key = key(action);
            final List<JsonValue> values = pending.get(key);
            if (values != null) {
                values.remove(action.value());
                if (values.isEmpty()) {
                    pending.remove(key);
                }
            }
            if (outcomes.stream().anyMatch(o -> o.thingId().equals(action.thingId())
                    && o.status() == DispatchOutcome.Status.WRITTEN)) {
                written.put(key, action.value());
            }
        }
    }

    /** Whether the optimizer wrote (or is writing) exactly this value there last. */
    public synchronized boolean wrote(final ThingId thingId, final String featureId, final String property,
            final JsonValue value) {
        final String key = key(thingId, featureId, property);
        return Optional.ofNullable(written.get(key)).filter(last -> same(last, value)).isPresent()
                || pending.getOrDefault(key, List.of()).stream().anyMatch(v -> same(v, value));
    }

    /** JSON equality, numbers by value (70 and 70.0 are the same setting). */
    static boolean same(final JsonValue a, final JsonValue b) {
        if (a.isNumber() && b.isNumber()) {
            return a.asDouble() == b.asDouble();
        }
        return a.equals(b);
    }
}
