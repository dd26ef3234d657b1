package io.twinloop.optimizer.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.decision.Decision;
import io.twinloop.optimizer.decision.ImpactClass;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.goal.Evaluation;
import io.twinloop.optimizer.goal.Objectives;

/** The proposal store: one verdict per proposal even when operators race, bounded, one question per action set. */
class ProposalStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void twoOperatorsDecidingAtOnceGetOneSuccessAndOneAlreadyDecided() throws Exception {
        final ProposalStore store = new ProposalStore(10);
        store.add(decision("d1", 70, 5));
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            final List<Callable<String>> verdicts = List.of(
                    () -> store.approve("d1", "alice", T0).status().name(),
                    () -> store.reject("d1", "bob", T0, "no").status().name());
            final List<String> results = new ArrayList<>();
            for (final Future<String> verdict : pool.invokeAll(verdicts)) {
                try {
                    results.add(verdict.get());
                } catch (final java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ProposalException.class);
                    results.add(((ProposalException) e.getCause()).kind().name());
                }
            }
            assertThat(results).contains("ALREADY_DECIDED").hasSize(2)
                    .containsAnyOf("DISPATCHING", "REJECTED");
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.openCount()).isZero();
        assertThatThrownBy(() -> store.approve("nope", "alice", T0)).isInstanceOf(ProposalException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void theSameActionsProposedAgainKeepOneOpenProposalWithItsId() {
        final ProposalStore store = new ProposalStore(10);
        store.add(decision("d1", 70, 5));
        final Proposal again = store.add(decision("d2", 70, 6)); // newer revision, same question

        assertThat(again.id()).isEqualTo("d1");
        assertThat(again.timesProposed()).isEqualTo(2);
        assertThat(store.all()).hasSize(1);
        assertThat(store.add(decision("d3", 85, 6)).id()).isEqualTo("d3"); // another question
        assertThat(store.openCount()).isEqualTo(2);
    }

    @Test
    void beyondItsCapacityTheOldestDecidedGoFirst() {
        final ProposalStore store = new ProposalStore(2);
        store.add(decision("d1", 60, 1));
        store.reject("d1", "alice", T0, "no");
        store.add(decision("d2", 70, 1));
        store.add(decision("d3", 85, 1));
        assertThat(store.all()).extracting(Proposal::id).containsExactly("d3", "d2");
        store.add(decision("d4", 115, 1));
        assertThat(store.all()).extracting(Proposal::id).containsExactly("d4", "d3");
    }

    private static Decision decision(final String id, final double speed, final long revision) {
        final ThingId press = ThingId.of("line:Press01");
        final Candidate candidate = new Candidate("energy", "speed -> " + speed, List.of(new Action(press,
                "OperationalData", JsonPointer.of("Speed"), JsonValue.of(speed), revision)), "test");
        final Evaluation chosen = new Evaluation(candidate, new Objectives(1, 1, 0, 10), 1, 0.8, List.of());
        final Evaluation noChange = new Evaluation(Candidate.noChange(), new Objectives(2, 2, 0, 10), 2, 0.8,
                List.of());
        return new Decision(id, T0, Map.of(press, revision), List.of(noChange, chosen), chosen, List.of(chosen),
                new ImpactPolicy.Judgement(ImpactClass.HIGH, List.of("test")), Decision.Disposition.PROPOSE);
    }
}
