package io.twinloop.ditto.extension;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.pekko.actor.ActorSystem;
import org.eclipse.ditto.base.model.signals.Signal;
import org.eclipse.ditto.policies.enforcement.pre.PreEnforcer;

import com.typesafe.config.Config;

import io.twinloop.ditto.guard.DesiredWriteGuard;
import io.twinloop.ditto.guard.GuardConfig;
import io.twinloop.ditto.guard.GuardDecision;
import io.twinloop.ditto.guard.GuardRefusals;
import io.twinloop.ditto.guard.WriteAttempt;

/**
 * Ditto things-service pre-enforcer that applies TwinLoop's desired-write guard ({@link DesiredWriteGuard}) to every
 * thing modify, merge, create and delete command before Ditto's policy enforcement. A refused write fails with
 * {@code things:feature.desiredProperties.notmodifiable} (403) and the guard's description.
 * <p>
 * Loaded by Ditto's {@code PreEnforcerProvider} from {@code things-extension.conf} in this jar, with the
 * {@code (ActorSystem, Config)} constructor every Ditto extension point has; {@code config} is the entry's
 * {@code extension-config}.
 */
public final class DesiredWriteGuardPreEnforcer implements PreEnforcer {

    private final DesiredWriteGuard guard;

    @SuppressWarnings("unused") // instantiated reflectively by Ditto
    public DesiredWriteGuardPreEnforcer(final ActorSystem actorSystem, final Config config) {
        this(DesiredWriteGuard.of(GuardConfig.fromConfig(config), Clock.systemUTC()));
    }

    DesiredWriteGuardPreEnforcer(final DesiredWriteGuard guard) {
        this.guard = guard;
    }

    @Override
    public CompletionStage<Signal<?>> apply(final Signal<?> signal) {
        final Optional<WriteAttempt> attempt = WriteAttempt.fromSignal(signal);
        if (attempt.isPresent()) {
            final GuardDecision decision = guard.check(attempt.get());
            if (!decision.allowed()) {
                return CompletableFuture.failedFuture(
                        GuardRefusals.toException(decision, signal.getDittoHeaders()));
            }
        }
        return CompletableFuture.completedFuture(signal);
    }
}
