package io.twinloop.connectors.retry;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.twinloop.twin.client.DittoConnectionException;
import io.twinloop.twin.client.DittoErrorException;

/**
 * Why a write into the twin failed, and whether trying again can help. The twin being away (no answer, the
 * connection lost) or saying so itself (408 request timeout, 429 too many requests, 5xx such as 503) is
 * transient; any other answer (400 bad value, 403 not allowed, 404 no such thing, ...) will be the same next time.
 * Retrying a merge patch of latest values is safe even when an unanswered one was in fact applied: it writes the
 * same values again.
 *
 * @param transientFailure whether retrying may succeed
 * @param status the HTTP status the twin answered, 0 when there was no answer
 * @param reason what happened, for the log
 */
public record TwinWriteFailure(boolean transientFailure, int status, String reason) {

    public static TwinWriteFailure of(final Throwable failure) {
        final Throwable cause = unwrap(failure);
        if (cause instanceof DittoConnectionException) {
            return new TwinWriteFailure(true, 0, cause.getMessage());
        }
        if (cause instanceof DittoErrorException error) {
            final int status = error.status();
            final boolean retry = status == 408 || status == 429 || status >= 500;
            return new TwinWriteFailure(retry, status, status + " " + error.errorCode().orElse("") + " "
                    + error.dittoMessage());
        }
        return new TwinWriteFailure(false, 0, String.valueOf(cause));
    }

    private static Throwable unwrap(final Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
