package io.twinloop.optimizer.service;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.twinloop.optimizer.decision.Decision;
import io.twinloop.optimizer.dispatch.DispatchOutcome;

/**
 * What the optimizer has done since it started.
 *
 * @param lastDecisionNanos time from the first twin change a dispatched decision saw to its write being persisted
 */
public record OptimizerStatistics(int twins, long decisions, long dispatched, long proposed, long recommended,
        long writesConflicted, long writesRefused, long writesFailed, int proposalsOpen, long lastDecisionNanos) {

    static final class Counters {
        private final LongAdder decisions = new LongAdder();
        private final LongAdder dispatched = new LongAdder();
        private final LongAdder proposed = new LongAdder();
        private final LongAdder recommended = new LongAdder();
        private final LongAdder conflicts = new LongAdder();
        private final LongAdder refused = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final AtomicLong lastNanos = new AtomicLong();

        void decided(final Decision.Disposition disposition) {
            decisions.increment();
            switch (disposition) {
                case PROPOSE -> proposed.increment();
                case RECOMMEND -> recommended.increment();
                default -> {
                    // counted when written
                }
            }
        }

        void dispatched(final List<DispatchOutcome> outcomes, final long nanos) {
            dispatched.increment();
            if (nanos > 0) {
                lastNanos.set(nanos);
            }
            for (final DispatchOutcome outcome : outcomes) {
                switch (outcome.status()) {
                    case CONFLICT -> conflicts.increment();
                    case REFUSED -> refused.increment();
                    case FAILED -> failed.increment();
                    case WRITTEN -> {
                        // the normal case
                    }
                }
            }
        }

        OptimizerStatistics snapshot(final int twins, final int open) {
            return new OptimizerStatistics(twins, decisions.sum(), dispatched.sum(), proposed.sum(),
                    recommended.sum(), conflicts.sum(), refused.sum(), failed.sum(), open, lastNanos.get());
        }
    }
}
