package io.twinloop.optimizer.energy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.audit.ChainVerifier;
import io.twinloop.audit.TrustedKeys;
import io.twinloop.optimizer.TwinLine;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.approval.Proposal;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.service.AgentLineup;
import io.twinloop.optimizer.service.OptimizerConfig;
import io.twinloop.optimizer.service.OptimizerService;
import io.twinloop.optimizer.whatif.SurrogateModel;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;

/**
 * The shift-off agent: an idle press switched off for the night when that pays back its warm-up, and back on ahead
 * of the morning shift; what it reads is only what its twin shows (calendar, warm-up figures, state, power).
 */
class ShiftOffAgentTest {

    private static final ThingId PRESS = TwinLine.PRESS;
    private static final String OPERATOR = "alice";
    /** Two shifts of 8 h from 06:00 UTC on weekdays; the press warms up 5 min at 35 kW from OFF. */
    private static final String CALENDAR = "{\"ShiftsPerDay\":2,\"ShiftHours\":8.0,\"FirstShiftStarts\":\"06:00\","
            + "\"WorkingDays\":\"MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY\",\"Zone\":\"UTC\"}";
    private static final String WARM_UP = "{\"WarmUpFromOffMinutes\":5.0,\"WarmUpFromStandbyMinutes\":1.0,"
            + "\"WarmUpPower\":35.0}";
    private static final Instant MONDAY_NIGHT = Instant.parse("2026-01-05T23:00:00Z");

    @TempDir
    Path tmp;

    private TwinLine line;
    private OptimizerService service;

    private static MachineView press(final String operational, final boolean withCalendar) {
        final String features = "{\"OperationalData\":{\"properties\":" + operational + "},\"TechnicalData\":"
                + "{\"properties\":" + WARM_UP + "}" + (withCalendar ? ",\"ShiftCalendar\":{\"properties\":"
                + CALENDAR + "}" : "") + "}";
        return MachineView.of(PRESS, JsonObject.of("{\"_revision\":3,\"features\":" + features + "}"));
    }

    private static final String IDLE = "{\"State\":\"STANDBY\",\"Mode\":\"RUN\",\"PowerDraw\":5.0,"
            + "\"CurrentJob\":\"\"}";

    @Test
    void switchesOffOnlyWhatIsIdleOffShiftLongEnoughToPayBackTheWarmUp() {
        final ShiftOffAgent agent = new ShiftOffAgent(ShiftOffAgent.Settings.defaults());
        // Monday 23:00, idle, 6 h 40 min until the restart at 05:40: 5 kW × (6.67 + 0.08) h − 2.9 kWh ≈ 30.8 kWh
        final List<Candidate> night = agent.propose(PlantView.of(List.of(press(IDLE, true)), MONDAY_NIGHT));
        assertThat(night).singleElement().satisfies(c -> {
            assertThat(c.summary()).startsWith("OFF off-shift: " + PRESS);
            assertThat(c.reasoning()).contains("restart at 2026-01-06T05:40:00Z");
            assertThat(agent.saving(c)).hasValueSatisfying(kwh -> assertThat(kwh).isCloseTo(
                    5 * (6 + 40 / 60.0 + 5 / 60.0) - 35 * 5 / 60.0, org.assertj.core.api.Assertions.within(1e-6)));
        });
        // 05:30: 10 min of standby saved do not pay for the warm-up
        assertThat(agent.propose(PlantView.of(List.of(press(IDLE, true)), Instant.parse("2026-01-06T05:30:00Z"))))
                .isEmpty();
        // during the shift, still working, or without a calendar in the twin: nothing
        assertThat(agent.propose(PlantView.of(List.of(press(IDLE, true)), Instant.parse("2026-01-06T10:00:00Z"))))
                .isEmpty();
        assertThat(agent.propose(PlantView.of(List.of(press("{\"State\":\"RUNNING\",\"Mode\":\"RUN\","
                + "\"PowerDraw\":40.0,\"CurrentJob\":\"J00012\"}", true)), MONDAY_NIGHT))).isEmpty();
        assertThat(agent.propose(PlantView.of(List.of(press(IDLE, false)), MONDAY_NIGHT))).isEmpty();
        // switched off: RUN only once the warm-up must begin, and at once when the shift has begun
        final String off = "{\"State\":\"OFF\",\"Mode\":\"OFF\",\"PowerDraw\":0.0}";
        assertThat(agent.propose(PlantView.of(List.of(press(off, true)), Instant.parse("2026-01-06T05:39:00Z"))))
                .isEmpty();
        assertThat(agent.propose(PlantView.of(List.of(press(off, true)), Instant.parse("2026-01-06T05:40:00Z"))))
                .singleElement().satisfies(c -> assertThat(c.summary()).contains("RUN ahead of the shift"));
        assertThat(agent.propose(PlantView.of(List.of(press(off, true)), Instant.parse("2026-01-06T07:00:00Z"))))
                .singleElement().satisfies(c -> assertThat(c.reasoning()).contains("the shift has begun"));
    }

    @Test
    void inTheServiceTheNightSwitchOffAndTheMorningRestartAreProposedApprovedAndWritten() throws Exception {
        final AtomicReference<Instant> now = new AtomicReference<>(MONDAY_NIGHT);
        final Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(final ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        final OptimizerConfig config = TwinLine.optimizerConfig(tmp.resolve("optimizer"), Duration.ofHours(8));
        line = TwinLine.startGuarded(tmp.resolve("twins"), config.keyDirectory(), List.of(OPERATOR),
                "/features/*/desiredProperties/Mode");
        final DittoClient owner = line.owner();
        owner.merge(TwinPath.thing(PRESS), JsonObject.of("{\"features\":{\"OperationalData\":{\"properties\":"
                + IDLE + "},\"TechnicalData\":{\"properties\":" + WARM_UP + "},\"ShiftCalendar\":{\"properties\":"
                + CALENDAR + "}}}"), RequestOptions.none()).join();
        service = OptimizerService.start(config, line.optimizer(), goal -> {
            final ShiftOffAgent agent = new ShiftOffAgent(ShiftOffAgent.Settings.defaults());
            return new AgentLineup(List.of(agent), new ShiftOffModel(new SurrogateModel(
                    SurrogateModel.Settings.defaults(), hour -> 0.25), agent, SurrogateModel.Settings.defaults(), instant -> 0.25));
        }, clock).get(60, TimeUnit.SECONDS);

        // Monday night: the idle press's switch-off is proposed (a Mode change waits for a person) and written
        final Proposal off = awaitProposal("OFF off-shift");
        assertThat(off.decision().chosen().predicted().energyKwh())
                .isLessThan(off.decision().evaluated().get(0).predicted().energyKwh());
        assertThat(service.approve(off.id(), OPERATOR).get(60, TimeUnit.SECONDS).status())
                .isEqualTo(Proposal.Status.DISPATCHED);
        TwinLine.await("the press's desired Mode OFF", () -> desiredMode(owner).equals(Optional.of("OFF")));
        operational(owner, "{\"State\":\"OFF\",\"Mode\":\"OFF\",\"PowerDraw\":0.0}");

        // 05:00: too early to warm up, nothing proposed
        final long decided = service.statistics().decisions();
        now.set(Instant.parse("2026-01-06T05:00:00Z"));
        operational(owner, "{\"SimulationTime\":\"2026-01-06T05:00:00Z\"}");
        TwinLine.await("a decision at 05:00", () -> service.statistics().decisions() > decided);
        TwinLine.await("nothing under way", service::settled);
        assertThat(service.proposals()).isEmpty();

        // 05:40: the restart is proposed so the warm-up ends 15 min before the shift
        now.set(Instant.parse("2026-01-06T05:40:00Z"));
        operational(owner, "{\"SimulationTime\":\"2026-01-06T05:40:00Z\"}");
        final Proposal run = awaitProposal("RUN ahead of the shift: " + PRESS);
        assertThat(service.approve(run.id(), OPERATOR).get(60, TimeUnit.SECONDS).status())
                .isEqualTo(Proposal.Status.DISPATCHED);
        TwinLine.await("the press's desired Mode RUN", () -> desiredMode(owner).equals(Optional.of("RUN")));

        service.close();
        service = null;
        assertThat(new ChainVerifier(TrustedKeys.fromDirectory(config.keyDirectory())).verify(config.decisionLog())
                .findings()).isEmpty();
        assertThat(Files.readString(config.decisionLog())).contains("shift-off");
    }

    private Proposal awaitProposal(final String summaryPart) throws InterruptedException {
        TwinLine.await("a proposal '" + summaryPart + "'", () -> service.proposalStore().all().stream()
                .anyMatch(p -> p.status() == Proposal.Status.OPEN
                        && p.decision().chosen().candidate().summary().contains(summaryPart)));
        return service.proposalStore().all().stream().filter(p -> p.status() == Proposal.Status.OPEN
                && p.decision().chosen().candidate().summary().contains(summaryPart)).findFirst().orElseThrow();
    }

    private static void operational(final DittoClient owner, final String properties) {
        owner.merge(TwinPath.thing(PRESS), JsonObject.of("{\"features\":{\"OperationalData\":{\"properties\":"
                + properties + "}}}"), RequestOptions.none()).join();
    }

    private static Optional<String> desiredMode(final DittoClient owner) {
        return TwinLine.desiredOperationalValue(owner, PRESS, "Mode").filter(JsonValue::isString)
                .map(JsonValue::asString);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (line != null) {
            line.close();
        }
    }
}
