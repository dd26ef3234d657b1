package io.twinloop.ditto.guard;

import java.util.Locale;

/**
 * How a write changes the twin. Part of what is signed: the same value merged into a location and replacing it are
 * different writes (a replacement removes what the value leaves out).
 */
public enum Operation {

    /** The thing is created (it did not exist): nothing is replaced. */
    CREATE,
    /** The value replaces what is at the path. */
    MODIFY,
    /** The value is a JSON merge patch (RFC 7396) applied at the path. */
    MERGE,
    /** What is at the path is removed. */
    DELETE;

    /** The name in the signed document: {@code create}, {@code modify}, {@code merge}, {@code delete}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the write replaces (or removes) everything below its path, not only what its value names. */
    public boolean replacesSubtree() {
        return this == MODIFY || this == DELETE;
    }
}
