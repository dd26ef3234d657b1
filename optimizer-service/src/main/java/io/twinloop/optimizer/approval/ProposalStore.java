package io.twinloop.optimizer.approval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.decision.Decision;
import io.twinloop.optimizer.dispatch.DispatchOutcome;

/**
 * The proposals of this optimizer run, bounded and thread-safe: decisions add them, operators decide them (through
 * the HTTP API), the dispatch of an approved one completes them. A state change is one atomic step under the
 * store's lock, so two operators deciding the same proposal get one success and one "already decided".
 *
 * <p>Bounded: beyond {@code capacity} the oldest decided proposals are dropped first, then the oldest open ones (the
 * decision log keeps them all). A decision proposing the same actions (twin, path, value) as an open proposal does
 * not add another: the plant keeps changing while nobody has looked yet, and one question with a stable id is
 * enough (it counts as proposed again). An approval re-checks on the twins as they are then, whichever decision
 * first proposed it.
 */
public final class ProposalStore {

    private final int capacity;
    /** by id, oldest first */
    private final LinkedHashMap<String, Proposal> proposals = new LinkedHashMap<>();

    public ProposalStore(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("proposal store capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Keeps {@code decision} as an open proposal, unless an open one proposes the same actions already.
     *
     * @return the open proposal that asks the question: the new one, or the earlier one proposed again
     */
    public synchronized Proposal add(final Decision decision) {
        final Set<String> actions = actionsOf(decision);
        for (final Proposal proposal : proposals.values()) {
            if (proposal.status() == Proposal.Status.OPEN && actionsOf(proposal.decision()).equals(actions)) {
                final Proposal again = proposal.proposedAgain(decision.time());
                proposals.put(proposal.id(), again);
                return again;
            }
        }
        final Proposal added = Proposal.open(decision);
        proposals.put(decision.id(), added);
        evict();
        return added;
    }

    private void evict() {
        for (final boolean decidedOnly : new boolean[] {true, false}) {
            final Iterator<Proposal> oldestFirst = proposals.values().iterator();
            while (proposals.size() > capacity && oldestFirst.hasNext()) {
                final Proposal.Status status = oldestFirst.next().status();
                if (status != Proposal.Status.DISPATCHING
                        && (!decidedOnly || status != Proposal.Status.OPEN)) {
                    oldestFirst.remove();
                }
            }
        }
    }

    private static Set<String> actionsOf(final Decision decision) {
        return actionsOf(decision.chosen().candidate());
    }

    private static Set<String> actionsOf(final Candidate candidate) {
        return candidate.actions().stream()
                .map(action -> action.thingId() + " " + action.path() + "=" + action.value())
                .collect(Collectors.toSet());
    }

    /**
     * Whether an open proposal asks for exactly these actions already: the next decision leaves it to the person
     * and picks among the other candidates, so a waiting proposal does not hold up routine ones.
     */
    public synchronized boolean awaitsApproval(final Candidate candidate) {
        if (candidate.changesNothing()) {
            return false;
        }
        final Set<String> actions = actionsOf(candidate);
        return proposals.values().stream().anyMatch(p -> p.status() == Proposal.Status.OPEN
                && actionsOf(p.decision()).equals(actions));
    }

    public synchronized Optional<Proposal> get(final String id) {
        return Optional.ofNullable(proposals.get(id));
    }

    /** Every proposal kept, newest first. */
    public synchronized List<Proposal> all() {
        final List<Proposal> newestFirst = new ArrayList<>(proposals.values());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    public synchronized int openCount() {
        return (int) proposals.values().stream().filter(p -> p.status() == Proposal.Status.OPEN).count();
    }

    /**
     * An operator approves: OPEN becomes DISPATCHING, atomically.
     *
     * @throws ProposalException unknown, or not open any more
     */
    public synchronized Proposal approve(final String id, final String operator, final Instant at) {
        return decide(id, Proposal.Status.DISPATCHING, operator, at, null);
    }

    /**
     * An operator rejects: OPEN becomes REJECTED with the reason, atomically.
     *
     * @throws ProposalException unknown, or not open any more
     */
    public synchronized Proposal reject(final String id, final String operator, final Instant at,
            final String reason) {
        return decide(id, Proposal.Status.REJECTED, operator, at, reason);
    }

    private Proposal decide(final String id, final Proposal.Status status, final String operator, final Instant at,
            final String note) {
        final Proposal proposal = proposals.get(id);
        if (proposal == null) {
            throw ProposalException.unknown(id);
        }
        if (proposal.status() != Proposal.Status.OPEN) {
            throw ProposalException.alreadyDecided(proposal);
        }
        final Proposal decided = proposal.with(status, operator, at, note);
        proposals.put(id, decided);
        return decided;
    }

    /**
     * The optimizer withdraws an open proposal whose question no longer stands (the person's setting it would
     * override no longer holds): OPEN becomes NOT_DISPATCHED with the reason, decided by {@value #WITHDRAWN_BY}.
     *
     * @return the withdrawn proposal; empty when it is not open any more (a person decided it meanwhile)
     */
    public synchronized Optional<Proposal> withdraw(final String id, final Instant at, final String reason) {
        final Proposal proposal = proposals.get(id);
        if (proposal == null || proposal.status() != Proposal.Status.OPEN) {
            return Optional.empty();
        }
        final Proposal withdrawn = proposal.with(Proposal.Status.NOT_DISPATCHED, WITHDRAWN_BY, at, reason);
        proposals.put(id, withdrawn);
        return Optional.of(withdrawn);
    }

    /** Who withdrew a proposal the optimizer took back. */
    public static final String WITHDRAWN_BY = "optimizer";

    /** The dispatch of an approved proposal ended: DISPATCHED when every twin took it, else NOT_DISPATCHED. */
    public synchronized Proposal completed(final String id, final List<DispatchOutcome> outcomes, final String note) {
        final Proposal proposal = proposals.get(id);
        if (proposal == null || proposal.status() != Proposal.Status.DISPATCHING) {
            throw new IllegalStateException("proposal " + id + " is not being dispatched: " + proposal);
        }
        final boolean written = note == null && !outcomes.isEmpty()
                && outcomes.stream().allMatch(o -> o.status() == DispatchOutcome.Status.WRITTEN);
        final Proposal done = proposal.completed(written ? Proposal.Status.DISPATCHED
                : Proposal.Status.NOT_DISPATCHED, outcomes, note);
        proposals.put(id, done);
        return done;
    }
}
