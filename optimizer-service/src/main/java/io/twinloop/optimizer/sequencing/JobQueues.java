package io.twinloop.optimizer.sequencing;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

import io.twinloop.optimizer.plant.MachineView;

/**
 * Reads a machine twin's job queue as the thing-layout contract defines it: {@code OperationalData/properties/JobQueue},
 * an array in queue order of {@code {"JobId": "J00012", "DueDate": "2026-11-22T14:00:00Z", "Quantity": 12}} (an
 * optional non-negative integer {@code Priority} weighs the job's lateness), and the order already requested in
 * {@code desiredProperties/JobSequence}. Nothing is guessed: a queue that breaks the contract is refused whole,
 * naming the thing and the field.
 */
public final class JobQueues {

    public static final String JOB_QUEUE = "JobQueue";
    public static final String JOB_SEQUENCE = "JobSequence";

    private JobQueues() {
    }

    /**
     * The waiting jobs in queue order; empty when the twin shows no job queue at all.
     *
     * @throws JobQueueException naming the thing and the field when the queue breaks the contract
     */
    public static Optional<List<WaitingJob>> read(final MachineView machine) {
        final Optional<JsonValue> queue = machine.operational().getValue(JOB_QUEUE);
        if (queue.isEmpty()) {
            return Optional.empty();
        }
        if (!queue.get().isArray()) {
            throw problem(machine, JOB_QUEUE, "expected an array of jobs, found " + kind(queue.get()));
        }
        final JsonArray entries = queue.get().asArray();
        final List<WaitingJob> jobs = new ArrayList<>(entries.getSize());
        final Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.getSize(); i++) {
            final String at = JOB_QUEUE + "[" + i + "]";
            final JsonValue entry = entries.get(i).orElseThrow();
            if (!entry.isObject()) {
                throw problem(machine, at, "expected an object {JobId, DueDate, Quantity}, found " + kind(entry));
            }
            final JsonObject job = entry.asObject();
            final String id = text(machine, job, at + "/JobId");
            final Integer before = seen.putIfAbsent(id, i);
            if (before != null) {
                throw problem(machine, at + "/JobId", "job '" + id + "' appears twice (also at " + JOB_QUEUE + "["
                        + before + "])");
            }
            final String due = text(machine, job, at + "/DueDate");
            final Instant dueDate;
            try {
                dueDate = Instant.parse(due);
            } catch (final DateTimeParseException e) {
                throw problem(machine, at + "/DueDate", "'" + due + "' is not an ISO-8601 UTC instant "
                        + "(e.g. 2026-11-22T14:00:00Z)");
            }
            final int quantity = integer(machine, job, at + "/Quantity", 1, true);
            final int priority = integer(machine, job, at + "/Priority", 0, false);
            jobs.add(new WaitingJob(id, dueDate, quantity, job.contains("Priority") ? priority : 1));
        }
        return Optional.of(List.copyOf(jobs));
    }

    /**
     * The order the jobs will be worked in: the one already requested ({@code desiredProperties/JobSequence}, a
     * request counts as applied) when it is a permutation of the waiting jobs, else the queue's own order.
     */
    public static List<String> effectiveOrder(final MachineView machine, final List<WaitingJob> queue) {
        final List<String> ids = queue.stream().map(WaitingJob::jobId).toList();
        final Optional<JsonValue> desired = machine.desired(JOB_SEQUENCE).filter(JsonValue::isArray);
        if (desired.isEmpty()) {
            return ids;
        }
        final List<String> requested = new ArrayList<>();
        for (final JsonValue value : desired.get().asArray()) {
            if (!value.isString()) {
                return ids;
            }
            requested.add(value.asString());
        }
        // a request from before the queue moved on no longer says anything
        final boolean permutation = requested.size() == ids.size() && new HashSet<>(requested).equals(new HashSet<>(ids));
        return permutation ? List.copyOf(requested) : ids;
    }

    private static String text(final MachineView machine, final JsonObject job, final String field) {
        final String key = field.substring(field.lastIndexOf('/') + 1);
        final JsonValue value = job.getValue(key).orElseThrow(() -> problem(machine, field, "missing"));
        if (!value.isString() || value.asString().isBlank()) {
            throw problem(machine, field, "expected a non-empty string, found " + kind(value));
        }
        return value.asString();
    }

    private static int integer(final MachineView machine, final JsonObject job, final String field, final int min,
            final boolean required) {
        final String key = field.substring(field.lastIndexOf('/') + 1);
        final Optional<JsonValue> value = job.getValue(key);
        if (value.isEmpty()) {
            if (required) {
                throw problem(machine, field, "missing");
            }
            return min;
        }
        final JsonValue v = value.get();
        if (!v.isNumber() || v.asDouble() != Math.rint(v.asDouble()) || v.asDouble() < min
                || v.asDouble() > Integer.MAX_VALUE) {
            throw problem(machine, field, "expected an integer >= " + min + ", found " + kind(v));
        }
        return (int) v.asDouble();
    }

    private static JobQueueException problem(final MachineView machine, final String field, final String what) {
        return new JobQueueException(machine.thingId(), field, what);
    }

    private static String kind(final JsonValue value) {
        final String type = value.isNull() ? "null" : value.isArray() ? "an array" : value.isObject() ? "an object"
                : value.isString() ? "a string" : value.isBoolean() ? "a boolean" : "a number";
        final String text = value.toString();
        return type + " " + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
    }
}
