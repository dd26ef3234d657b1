package io.twinloop.scenarios.report;

import java.nio.file.Path;

/** Input a report cannot be made from; the message names the file and what is wrong with it. */
public final class ReportException extends Exception {

    private static final long serialVersionUID = 1L;

    public ReportException(final Path file, final String problem) {
        super(file + ": " + problem);
    }

    public ReportException(final Path file, final String problem, final Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
