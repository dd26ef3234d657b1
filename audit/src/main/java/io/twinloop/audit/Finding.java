package io.twinloop.audit;

/**
 * One thing wrong with a log, where it is and in words.
 *
 * @param line the log line (1-based), 0 when it is about the log as a whole (e.g. entries cut off its end)
 * @param sequence the entry's sequence number, 0 when the line could not be read
 */
public record Finding(int line, long sequence, Problem problem, String message) {

    public enum Problem {
        /** A line that is not an entry (not JSON, fields missing). */
        MALFORMED,
        /** The last line is incomplete: an append was cut short. */
        TORN,
        /** The entry's content does not match the hash written with it. */
        EDITED,
        /** The signature is not the named key's signature of the hash. */
        BAD_SIGNATURE,
        /** The entry names a key the verifier does not trust. */
        UNTRUSTED_KEY,
        /** The entry's previous hash is not the hash of the entry before it. */
        BROKEN_LINK,
        /** A sequence number that no line holds. */
        REMOVED,
        /** An entry after one with a higher sequence number. */
        REORDERED,
        /** A sequence number held by more than one line. */
        DUPLICATE,
        /** Entries the signed head vouches for are not at the log's end. */
        TRUNCATED,
        /** The head file is not signed by a trusted key or does not match the entry it names. */
        BAD_HEAD
    }

    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + problem + ": " + message;
    }
}
