package io.twinloop.connectors.retry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Repeats a write into the twin while it fails transiently ({@link TwinWriteFailure}), with backoff, until the twin
 * takes it. Completes exceptionally with the failure when it is not transient, or when the scheduler is shut down
 * (the connector is stopping). Only for writes that are safe to repeat: the same merge twice has one effect.
 */
public final class TwinRetry {

    /** Told of each transient failure before the next attempt, for logging. */
    @FunctionalInterface
    public interface RetryListener {
        void retrying(int failedAttempts, Duration retryIn, TwinWriteFailure failure);
    }

    /** While a twin stays away, a WARN every this many failed attempts says it still does (the rest is DEBUG). */
    private static final int WARN_EVERY_ATTEMPTS = 10;

    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;

    public TwinRetry(final Backoff backoff, final ScheduledExecutorService scheduler) {
        this.backoff = backoff;
        this.scheduler = scheduler;
    }

    /** Whether a failure streak this long is worth a WARN: its first failure, and every tenth after. */
    public static boolean worthWarning(final int failedAttempts) {
        return failedAttempts == 1 || failedAttempts % WARN_EVERY_ATTEMPTS == 0;
    }

    public <T> CompletableFuture<T> untilAccepted(final Supplier<CompletableFuture<T>> write,
            final RetryListener listener) {
        final CompletableFuture<T> result = new CompletableFuture<>();
        attempt(write, listener, 0, result);
        return result;
    }

    private <T> void attempt(final Supplier<CompletableFuture<T>> write, final RetryListener listener,
            final int failedAttempts, final CompletableFuture<T> result) {
        final CompletableFuture<T> written;
        try {
            written = write.get();
        } catch (final RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        written.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            final TwinWriteFailure why = TwinWriteFailure.of(failure);
            if (!why.transientFailure()) {
                result.completeExceptionally(failure);
                return;
            }
            final Duration delay = backoff.after(failedAttempts + 1);
            listener.retrying(failedAttempts + 1, delay, why);
            try {
                scheduler.schedule(() -> attempt(write, listener, failedAttempts + 1, result), delay.toNanos(),
                        TimeUnit.NANOSECONDS);
            } catch (final RejectedExecutionException e) {
                result.completeExceptionally(failure);
            }
        });
    }
}
