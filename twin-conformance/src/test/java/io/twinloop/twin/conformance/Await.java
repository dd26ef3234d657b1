package io.twinloop.twin.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.twinloop.twin.client.DittoErrorException;

/** Bounded waiting on client futures, so a hanging target fails a test instead of blocking the build. */
final class Await {

    static final long SECONDS = 30;

    private Await() {
    }

    static <T> T result(final CompletableFuture<T> future) {
        try {
            return future.get(SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            throw new AssertionError("Expected success but got: " + e.getCause(), e.getCause());
        } catch (final InterruptedException | TimeoutException e) {
            throw new AssertionError("No outcome within " + SECONDS + " s", e);
        }
    }

    /** The failure of {@code future}, which must be a {@link DittoErrorException} of (a subclass of) {@code type}. */
    static <E extends DittoErrorException> E failure(final CompletableFuture<?> future, final Class<E> type) {
        try {
            final Object value = future.get(SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("Expected " + type.getSimpleName() + " but the request succeeded: " + value);
        } catch (final ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(type);
            return type.cast(e.getCause());
        } catch (final InterruptedException | TimeoutException e) {
            throw new AssertionError("No outcome within " + SECONDS + " s", e);
        }
    }
}
