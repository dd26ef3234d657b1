package io.twinloop.optimizer.approval;

/**
 * A verdict that cannot be applied: the proposal is unknown (never made, or dropped from the bounded store) or was
 * decided already. The message names the proposal and, for the latter, its state.
 */
public final class ProposalException extends RuntimeException {

    /** What is wrong; the HTTP API answers 404 and 409. */
    public enum Kind {
        UNKNOWN,
        ALREADY_DECIDED
    }

    private final Kind kind;
    private final String proposalId;

    private ProposalException(final Kind kind, final String proposalId, final String message) {
        super(message);
        this.kind = kind;
        this.proposalId = proposalId;
    }

    static ProposalException unknown(final String id) {
        return new ProposalException(Kind.UNKNOWN, id, "no proposal with id '" + id
                + "' (never made, or no longer kept)");
    }

    static ProposalException alreadyDecided(final Proposal proposal) {
        return new ProposalException(Kind.ALREADY_DECIDED, proposal.id(), "proposal '" + proposal.id()
                + "' was decided already: " + proposal.status()
                + proposal.decidedBy().map(by -> " by " + by).orElse("")
                + proposal.decidedAt().map(at -> " at " + at).orElse(""));
    }

    public Kind kind() {
        return kind;
    }

    public String proposalId() {
        return proposalId;
    }
}
