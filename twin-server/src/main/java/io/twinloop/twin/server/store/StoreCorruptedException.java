package io.twinloop.twin.server.store;

import java.nio.file.Path;

/** The data directory holds something the store cannot read; the message names the file and line. */
public final class StoreCorruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreCorruptedException(final Path file, final long lineNumber, final Throwable cause) {
        super("Corrupt entry in " + file + " at line " + lineNumber + ": " + cause.getMessage(), cause);
    }
}
