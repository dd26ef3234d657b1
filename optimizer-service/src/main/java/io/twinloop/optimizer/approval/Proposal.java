package io.twinloop.optimizer.approval;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.twinloop.optimizer.decision.Decision;
import io.twinloop.optimizer.dispatch.DispatchOutcome;

/**
 * A high-impact decision waiting for (or having had) a person's verdict. Immutable: every change of state is a new
 * instance held by the {@link ProposalStore}.
 *
 * @param decision the decision as it was taken (its chosen candidate, predictions, impact and Pareto front)
 * @param status where it stands
 * @param decidedBy the operator who approved or rejected it
 * @param decidedAt when
 * @param note the rejection's reason, why an approved one was not dispatched, or which proposal superseded it
 * @param outcomes the twins' answers to the dispatch of an approved one
 * @param timesProposed how many decisions proposed these same actions while it was open (1: only the first)
 * @param lastProposedAt when the latest of them was taken
 */
public record Proposal(Decision decision, Status status, Optional<String> decidedBy, Optional<Instant> decidedAt,
        Optional<String> note, List<DispatchOutcome> outcomes, int timesProposed, Instant lastProposedAt) {

    /** Where a proposal stands; only {@link #OPEN} ones can be decided. */
    public enum Status {
        /** waits for a person */
        OPEN,
        /** approved; being re-checked and written */
        DISPATCHING,
        /** approved, re-checked and written to every twin */
        DISPATCHED,
        /** approved, but the re-check found it no longer worth it, or a twin refused the write */
        NOT_DISPATCHED,
        /** rejected by a person: nothing written */
        REJECTED
    }

    public Proposal {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(status, "status");
        outcomes = List.copyOf(outcomes);
    }

    static Proposal open(final Decision decision) {
        return new Proposal(decision, Status.OPEN, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                1, decision.time());
    }

    public String id() {
        return decision.id();
    }

    Proposal with(final Status newStatus, final String operator, final Instant at, final String why) {
        return new Proposal(decision, newStatus, Optional.ofNullable(operator).or(() -> decidedBy),
                Optional.ofNullable(at).or(() -> decidedAt), Optional.ofNullable(why).or(() -> note), outcomes,
                timesProposed, lastProposedAt);
    }

    Proposal proposedAgain(final Instant at) {
        return new Proposal(decision, status, decidedBy, decidedAt, note, outcomes, timesProposed + 1, at);
    }

    Proposal completed(final Status newStatus, final List<DispatchOutcome> results, final String why) {
        return new Proposal(decision, newStatus, decidedBy, decidedAt, Optional.ofNullable(why).or(() -> note),
                results, timesProposed, lastProposedAt);
    }
}
