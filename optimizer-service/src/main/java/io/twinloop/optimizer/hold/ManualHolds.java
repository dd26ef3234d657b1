package io.twinloop.optimizer.hold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.projection.DesiredOrigin;

/**
 * A person's desired value holds: for {@link HoldSettings#holdTime()} after a person wrote it (writing it again
 * renews the hold, deleting it ends it) no agent writes that desired property silently; a candidate that would is an
 * override, which only a person's approval lets through.
 *
 * <p>Who is a person: the writer an event named ({@code ditto-originator}) when it is none of the optimizer's
 * {@link HoldSettings#agentSubjects()}. A value no event named a writer for (read after a restart, a gap or a
 * reconnect) is the optimizer's if it is what the optimizer wrote there last ({@link OwnWrites}, from its decision
 * log), else a person's, held from when it was first seen: the conservative reading, since overwriting a person's
 * value silently is the failure this prevents, and asking once too often costs a proposal.
 *
 * <p>An override a person rejected is not proposed again while that hold lasts (the person's value stands); a new
 * write by the person is a new hold. Thread-safe.
 */
public final class ManualHolds {

    private static final Logger LOG = LoggerFactory.getLogger(ManualHolds.class);

    private final HoldSettings settings;
    private final OwnWrites own;
    /** holds whose override a person rejected, by path */
    private final Map<String, ManualHold> rejected = new HashMap<>();
    /** the holds in force at the last look, by path: to log when one starts and ends */
    private Map<String, ManualHold> lastInForce = Map.of();

    public ManualHolds(final HoldSettings settings, final OwnWrites own) {
        this.settings = settings;
        this.own = own;
    }

    public HoldSettings settings() {
        return settings;
    }

    public OwnWrites ownWrites() {
        return own;
    }

    /** The holds in force at {@code now} among the desired values' origins. */
    public synchronized List<ManualHold> inForce(final List<DesiredOrigin> origins, final Instant now) {
        if (!settings.enabled()) {
            return List.of();
        }
        final List<ManualHold> holds = new ArrayList<>();
        for (final DesiredOrigin origin : origins) {
            if (byPerson(origin)) {
                final Instant until = origin.since().plus(settings.holdTime());
                if (now.isBefore(until)) {
                    holds.add(new ManualHold(origin.thingId(), origin.featureId(), origin.property(), origin.value(),
                            origin.writer(), origin.since(), until));
                }
            }
        }
        final Map<String, ManualHold> byPath = holds.stream()
                .collect(Collectors.toMap(ManualHold::key, h -> h, (a, b) -> a));
        logChanges(byPath, now);
        rejected.entrySet().removeIf(r -> !(byPath.containsKey(r.getKey()) && byPath.get(r.getKey())
                .sameAs(r.getValue())));
        return List.copyOf(holds);
    }

    private boolean byPerson(final DesiredOrigin origin) {
        return origin.writer().map(writer -> !settings.agentSubjects().contains(writer))
                .orElseGet(() -> !own.wrote(origin.thingId(), origin.featureId(), origin.property(), origin.value()));
    }

    private void logChanges(final Map<String, ManualHold> now, final Instant at) {
        now.forEach((path, hold) -> {
            final ManualHold before = lastInForce.get(path);
            if (before == null || !before.sameAs(hold)) {
                LOG.info("manual hold: thing={} path={} value={} heldBy={} since={} until={}{}", hold.thingId(),
                        hold.path(), hold.value(), hold.writer(), hold.since(), hold.until(),
                        before == null ? "" : " (renewed)");
            }
        });
        lastInForce.forEach((path, hold) -> {
            if (!now.containsKey(path)) {
                LOG.info("manual hold ended: thing={} path={} value={} heldBy={} reason=\"{}\"", hold.thingId(),
                        hold.path(), hold.value(), hold.writer(), at.isBefore(hold.until())
                                ? "the value was deleted or written by the optimizer" : "expired at " + hold.until());
            }
        });
        lastInForce = Map.copyOf(now);
    }

    /** The holds a candidate would override (write another value where a person's holds). */
    public static List<ManualHold> overriddenBy(final Candidate candidate, final List<ManualHold> holds) {
        return holds.stream().filter(hold -> candidate.actions().stream().anyMatch(hold::overriddenBy)).toList();
    }

    /** A person rejected overriding these holds: no further override of them is proposed while they last. */
    public synchronized void rejected(final List<ManualHold> holds) {
        holds.forEach(hold -> rejected.put(hold.key(), hold));
    }

    /** Whether a person rejected overriding this hold already. */
    public synchronized boolean overrideRejected(final ManualHold hold) {
        final ManualHold refused = rejected.get(hold.key());
        return refused != null && refused.sameAs(hold);
    }
}
