package io.twinloop.twin.server.store;

import java.nio.file.Path;

/** The data directory holds something the store cannot read; the message names the file and line (or record). */
public final class StoreCorruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreCorruptedException(final Path file, final long lineNumber, final Throwable cause) {
        this(file, lineNumber, cause, "line");
    }

    /** @param unit what {@code number} counts, e.g. {@code record} in a binary file */
    public StoreCorruptedException(final Path file, final long number, final Throwable cause, final String unit) {
        super("Corrupt entry in " + file + " at " + unit + " " + number + ": " + cause.getMessage(), cause);
    }
}
