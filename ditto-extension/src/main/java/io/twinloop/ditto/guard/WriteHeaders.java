package io.twinloop.ditto.guard;

/**
 * The headers a signed desired write carries (HTTP request headers; Ditto keeps headers it has no definition for
 * and passes them into the command's DittoHeaders). Names are lower case, as Ditto stores them.
 */
public final class WriteHeaders {

    /** {@code <agent>:<16 hex>}: the agent key that signed the write. */
    public static final String KEY_ID = "twinloop-key-id";
    /** Base64 Ed25519 signature of {@link SignedDocument#writeBytes()}. */
    public static final String SIGNATURE = "twinloop-signature";
    /** The decision the write carries out (also worth persisting in the thing's history). */
    public static final String DECISION_ID = "twinloop-decision-id";
    /** The twin revision the decision was based on; must equal the {@code If-Match} revision. */
    public static final String BASED_ON_REVISION = "twinloop-based-on-revision";
    /** Optional ISO-8601 instant after which the signed write is no longer accepted. */
    public static final String NOT_AFTER = "twinloop-not-after";
    /** The operator key that approved the write ({@code <operator>:<16 hex>}). */
    public static final String APPROVAL_KEY_ID = "twinloop-approval-key-id";
    /** Base64 Ed25519 signature of {@link SignedDocument#approvalBytes()} by the approval key. */
    public static final String APPROVAL = "twinloop-approval";
    /** The standard precondition header: {@code "rev:<revision>"} (Ditto's entity tag of a thing). */
    public static final String IF_MATCH = "if-match";

    private WriteHeaders() {
    }

    /** Ditto's entity tag for a thing revision, as sent in {@code If-Match}. */
    public static String revisionTag(final long revision) {
        return "\"rev:" + revision + "\"";
    }
}
