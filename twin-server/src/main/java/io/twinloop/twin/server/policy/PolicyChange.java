package io.twinloop.twin.server.policy;

import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.policies.model.Policy;

/**
 * What a policy modification decided: write a new version, delete, or leave it as it is; and the caller's result,
 * handed back once the change is durable.
 *
 * @param next the new policy for a write, empty for a deletion or no change
 * @param delete whether the policy is deleted
 * @param result the caller's result
 * @param <R> the result type
 */
public record PolicyChange<R>(Optional<Policy> next, boolean delete, R result) {

    public PolicyChange {
        Objects.requireNonNull(next, "next");
        if (delete && next.isPresent()) {
            throw new IllegalArgumentException("a deletion has no next policy");
        }
    }

    public static <R> PolicyChange<R> write(final Policy stamped, final R result) {
        return new PolicyChange<>(Optional.of(stamped), false, result);
    }

    public static <R> PolicyChange<R> delete(final R result) {
        return new PolicyChange<>(Optional.empty(), true, result);
    }

    public static <R> PolicyChange<R> none(final R result) {
        return new PolicyChange<>(Optional.empty(), false, result);
    }
}
