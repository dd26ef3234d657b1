package io.twinloop.optimizer.sequencing;

import static io.twinloop.optimizer.sequencing.QueueViews.CNC;
import static io.twinloop.optimizer.sequencing.QueueViews.PRESS;
import static io.twinloop.optimizer.sequencing.QueueViews.T0;
import static io.twinloop.optimizer.sequencing.QueueViews.job;
import static io.twinloop.optimizer.sequencing.QueueViews.machine;
import static io.twinloop.optimizer.sequencing.QueueViews.pressQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.SurrogateModel;

/**
 * A job queue that breaks the contract is refused naming the thing and the field; the agent reports it, leaves that
 * machine's jobs out and goes on with the others (here a lathe on its own, failing beside the broken press).
 */
class BadJobQueueTest {

    private static final ThingId LATHE = ThingId.of("demo", "lathe-7");

    static Stream<Arguments> badQueues() {
        return Stream.of(
                Arguments.of(JsonArray.of(job("J1", 12, 30), JsonObject.newBuilder().set("JobId", "J2")
                        .set("Quantity", 4).build()), "JobQueue[1]/DueDate", "missing"),
                Arguments.of(JsonArray.of(job("J1", 12, 30), job("J2", 9, 4), job("J1", 10, 5)), "JobQueue[2]/JobId",
                        "job 'J1' appears twice (also at JobQueue[0])"),
                Arguments.of(JsonValue.of("J1,J2"), "JobQueue", "expected an array of jobs, found a string"),
                Arguments.of(JsonArray.of(job("J1", 12, 30).setValue("DueDate", 1_700_000_000)),
                        "JobQueue[0]/DueDate", "expected a non-empty string, found a number"),
                Arguments.of(JsonArray.of(job("J1", 12, 30).setValue("DueDate", "tomorrow")), "JobQueue[0]/DueDate",
                        "'tomorrow' is not an ISO-8601 UTC instant"),
                Arguments.of(JsonArray.of(job("J1", 12, 30).setValue("Quantity", 2.5)), "JobQueue[0]/Quantity",
                        "expected an integer >= 1, found a number 2.5"),
                Arguments.of(JsonArray.of(JsonValue.of("J1")), "JobQueue[0]",
                        "expected an object {JobId, DueDate, Quantity}, found a string"));
    }

    @ParameterizedTest
    @MethodSource("badQueues")
    void aBadQueueIsRefusedNamingThingAndField(final JsonValue queue, final String field, final String problem) {
        assertThatThrownBy(() -> JobQueues.read(machine(PRESS, 3, "RUNNING", queue)))
                .isInstanceOf(JobQueueException.class)
                .hasMessageStartingWith(PRESS + " features/OperationalData/properties/" + field + ": " + problem)
                .satisfies(e -> assertThat(((JobQueueException) e).field()).isEqualTo(field));
    }

    @ParameterizedTest
    @MethodSource("badQueues")
    void theAgentReportsItSkipsThatMachineAndGoesOnWithTheOthers(final JsonValue queue, final String field,
            final String problem) {
        final SequencingAgent agent = new SequencingAgent(QueueViews.settings(), SurrogateModel.Settings.defaults());
        agent.propose(view(queue, "RUNNING", 10));

        final var candidates = agent.propose(view(queue, "FAILED", 11));

        assertThat(agent.problems()).containsOnlyKeys(PRESS);
        assertThat(agent.problems().get(PRESS)).contains(PRESS.toString()).contains(field).contains(problem);
        // the lathe's own failure still re-sequences its queue; the press is left alone
        assertThat(candidates).isNotEmpty().allSatisfy(c -> assertThat(c.actions()).allSatisfy(action ->
                assertThat(action.thingId().toString()).isEqualTo(LATHE.toString())));

        // once the twin shows a proper queue again, the problem is gone
        agent.propose(view(pressQueue(), "FAILED", 12));
        assertThat(agent.problems()).isEmpty();
    }

    /** The press with {@code pressQueue}, the CNC running, the lathe (on no line) in {@code latheState}. */
    private static PlantView view(final JsonValue pressQueue, final String latheState, final long revision) {
        return PlantView.of(List.of(machine(PRESS, revision, "RUNNING", pressQueue),
                machine(CNC, revision, "RUNNING", JsonArray.empty()),
                machine(LATHE, revision, latheState, pressQueue())), T0);
    }
}
