package io.twinloop.connectors.retry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
        return untilDone(write, failure -> TwinWriteFailure.of(failure).transientFailure(),
                (failedAttempts, retryIn, failure) -> listener.retrying(failedAttempts, retryIn,
                        TwinWriteFailure.of(failure)));
    }

    /** Told of each transient failure of {@link #untilDone} before the next attempt. */
    @FunctionalInterface
    public interface FailureListener {
        void retrying(int failedAttempts, Duration retryIn, Throwable failure);
    }

    /**
     * Repeats any attempt while it fails in a way {@code transientFailure} accepts (an OPC UA server not up yet,
     * the twin server away at start-up), with the same backoff.
     */
    public <T> CompletableFuture<T> untilDone(final Supplier<CompletableFuture<T>> attempt,
            final Predicate<Throwable> transientFailure, final FailureListener listener) {
        final CompletableFuture<T> result = new CompletableFuture<>();
        attempt(attempt, transientFailure, listener, 0, result);
        return result;
    }

    private <T> void attempt(final Supplier<CompletableFuture<T>> attempt, final Predicate<Throwable> transientFailure,
            final FailureListener listener, final int failedAttempts, final CompletableFuture<T> result) {
        final CompletableFuture<T> done;
        try {
            done = attempt.get();
        } catch (final RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        done.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            if (!transientFailure.test(failure)) {
                result.completeExceptionally(failure);
                return;
            }
            final Duration delay = backoff.after(failedAttempts + 1);
            listener.retrying(failedAttempts + 1, delay, failure);
            try {
                scheduler.schedule(() -> attempt(attempt, transientFailure, listener, failedAttempts + 1, result),
                        delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (final RejectedExecutionException e) {
                result.completeExceptionally(failure);
            }
        });
    }
}
