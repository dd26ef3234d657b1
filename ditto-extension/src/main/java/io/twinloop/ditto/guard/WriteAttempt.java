package io.twinloop.ditto.guard;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.signals.Signal;
import org.eclipse.ditto.base.model.signals.commands.Command;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.signals.commands.modify.CreateThing;
import org.eclipse.ditto.things.model.signals.commands.modify.ThingModifyCommand;

/**
 * A write to a thing as the guard sees it: thing, operation, path, value, the request headers and the writer's
 * authorization subjects. Built from a Ditto command ({@link #fromSignal}) in Ditto, or by the embedded twin server
 * from its HTTP/WebSocket request ({@link #of}).
 *
 * @param value the written value; {@code null} for a deletion
 * @param headers request headers, looked up case-insensitively
 */
public record WriteAttempt(String thingId, Operation operation, JsonPointer path, JsonValue value,
                           Map<String, String> headers, List<String> subjects) {

    public WriteAttempt {
        Objects.requireNonNull(thingId, "thingId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(path, "path");
        final Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(caseInsensitive);
        subjects = List.copyOf(subjects);
    }

    public static WriteAttempt of(final String thingId, final Operation operation, final JsonPointer path,
            final JsonValue value, final Map<String, String> headers, final List<String> subjects) {
        return new WriteAttempt(thingId, operation, path, value, headers, subjects);
    }

    /**
     * The write a Ditto things command makes: every {@link ThingModifyCommand} (modify, merge, create, delete), on the
     * twin channel; empty for anything else (queries, live commands, other entities).
     */
    public static Optional<WriteAttempt> fromSignal(final Signal<?> signal) {
        if (!(signal instanceof ThingModifyCommand<?> command)) {
            return Optional.empty();
        }
        final DittoHeaders headers = command.getDittoHeaders();
        if (headers.getChannel().filter("live"::equals).isPresent()) {
            return Optional.empty(); // live commands go to the device, not into the twin
        }
        final Operation operation;
        if (command instanceof CreateThing) {
            operation = Operation.CREATE;
        } else if (command.getCategory() == Command.Category.MERGE) {
            operation = Operation.MERGE;
        } else if (command.getCategory() == Command.Category.DELETE) {
            operation = Operation.DELETE;
        } else {
            operation = Operation.MODIFY;
        }
        final JsonValue value = command.getEntity().orElse(null);
        return Optional.of(new WriteAttempt(command.getEntityId().toString(), operation, command.getResourcePath(),
                value, headers, headers.getAuthorizationContext().getAuthorizationSubjectIds()));
    }

    /** The desired part of this write, if it has one. */
    public Optional<DesiredWrite> desiredWrite() {
        return DesiredWrite.of(thingId, operation, path, value);
    }

    public Optional<String> header(final String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
