package io.twinloop.optimizer.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.decision.Decision;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.orchestrator.Orchestrator;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.SurrogateModel;

class TariffAgentTest {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    /** 4 cheap hours, 4 peak hours, 4 cheap hours. */
    static final PriceSeries CURVE = curve(0.05, 0.05, 0.05, 0.05, 0.40, 0.40, 0.40, 0.40, 0.05, 0.05, 0.05, 0.05);

    static PriceSeries curve(final double... hourly) {
        final Map<Instant, Double> prices = new TreeMap<>();
        for (int h = 0; h < hourly.length; h++) {
            prices.put(T0.plus(Duration.ofHours(h)), hourly[h]);
        }
        return PriceSeries.of("synthetic", prices);
    }

    static MachineView machine(final String name, final double powerKw) {
        return MachineView.of(ThingId.of("demo", name), JsonObject.newBuilder().set("_revision", 3)
                .set("features", JsonObject.newBuilder().set(MachineView.OPERATIONAL, JsonObject.newBuilder()
                        .set("properties", JsonObject.newBuilder().set("State", "RUNNING").set("Mode", "RUN")
                                .set("Speed", 100.0).set("PowerDraw", powerKw).set("HealthIndex", 1.0).build())
                        .build()).build()).build());
    }

    static PlantView line(final Instant at) {
        return PlantView.of(List.of(machine("press-1", 45), machine("cnc-1", 15), machine("robot-1", 6),
                machine("conveyor-1", 2.2)), at);
    }

    static GoalLayer goal(final double floorPerHour) {
        return new GoalLayer(new Weights(1, 0.2, 50), floorPerHour, Map.of("Speed", new Bound(50, 130)),
                Duration.ofHours(8));
    }

    private static List<Double> proposedSpeeds(final List<Candidate> candidates) {
        return candidates.stream().flatMap(c -> c.actions().stream())
                .filter(a -> a.property().toString().equals("/Speed")).map(a -> a.value().asDouble()).toList();
    }

    @Test
    void slowsDownInAPeakWithReasoning() {
        final TariffAgent agent = new TariffAgent(CURVE, () -> goal(0), TariffAgent.Settings.defaults());
        final List<Candidate> candidates = agent.propose(line(T0.plus(Duration.ofHours(4))));
        assertThat(candidates).hasSize(1);
        final Candidate candidate = candidates.get(0);
        assertThat(candidate.actions()).hasSize(4);
        assertThat(proposedSpeeds(candidates)).allSatisfy(speed -> assertThat(speed).isLessThan(100));
        assertThat(candidate.reasoning()).contains("price now 0.4000 EUR/kWh", "average 0.2250",
                "keeps the output of 100 %");
        final SpeedPlan plan = agent.planOf(candidate).get(ThingId.of("demo", "press-1"));
        assertThat(plan.speedHours()).isCloseTo(800, org.assertj.core.api.Assertions.within(0.01));
        assertThat(plan.speed(0)).isLessThan(plan.speed(7));
    }

    @Test
    void doesNotSlowDownInATrough() {
        final TariffAgent agent = new TariffAgent(CURVE, () -> goal(0), TariffAgent.Settings.defaults());
        final List<Double> speeds = proposedSpeeds(agent.propose(line(T0)));
        assertThat(speeds).isNotEmpty().allSatisfy(speed -> assertThat(speed).isGreaterThan(100));
    }

    @Test
    void flatPricesProposeNothing() {
        final TariffAgent agent = new TariffAgent(curve(0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2),
                () -> goal(0), TariffAgent.Settings.defaults());
        assertThat(agent.propose(line(T0))).isEmpty();
    }

    @Test
    void orchestratorChoosesTheTariffSlowDownInAPeakWhenTheFloorAllowsIt() {
        final Decision decision = decide(0, T0.plus(Duration.ofHours(4)));
        assertThat(decision.chosen().candidate().agent()).isEqualTo("energy-tariff");
        assertThat(decision.chosen().feasible()).isTrue();
        assertThat(decision.chosen().predicted().throughputUnits()).isCloseTo(480,
                org.assertj.core.api.Assertions.within(1.0));
        assertThat(decision.chosen().predicted().costEur()).isLessThan(decision.evaluated().get(0).predicted()
                .costEur());
    }

    @Test
    void aFloorThatForbidsSlowingDownKeepsEveryMachineAtFullSpeed() {
        // 60 units/h is the line at 100 %: nothing may go slower, in a peak either
        final Decision decision = decide(60, T0.plus(Duration.ofHours(4)));
        assertThat(decision.chosen().feasible()).isTrue();
        assertThat(decision.chosen().candidate().actions()).map(Action::value)
                .allSatisfy(value -> assertThat(value.asDouble()).isGreaterThanOrEqualTo(100));
        assertThat(decision.evaluated()).filteredOn(e -> e.candidate().actions().stream()
                .anyMatch(a -> a.value().isNumber() && a.value().asDouble() < 100))
                .allSatisfy(e -> assertThat(e.feasible()).isFalse());
    }

    /** A maintenance happens once: over 8 hourly slices it stops the machine for its 2 h and costs once. */
    @Test
    void aMaintenanceRequestIsCountedOnceOverTheHourlyHorizon() {
        final TariffAgent agent = new TariffAgent(CURVE, () -> goal(0), TariffAgent.Settings.defaults());
        final TariffPlanModel model = new TariffPlanModel(SurrogateModel.Settings.defaults(), agent);
        final PlantView view = line(T0);
        final Candidate maintain = new Candidate("maintenance", "maintain cnc-1", List.of(new io.twinloop.optimizer
                .agent.Action(ThingId.of("demo", "cnc-1"), MachineView.OPERATIONAL,
                org.eclipse.ditto.json.JsonPointer.of("MaintenanceRequest"), org.eclipse.ditto.json.JsonValue.of(true),
                3)), "test");
        final var withMaintenance = model.predict(view, maintain, Duration.ofHours(8)).objectives();
        final var without = model.predict(view, Candidate.noChange(), Duration.ofHours(8)).objectives();
        assertThat(withMaintenance.downtimeHours() - without.downtimeHours())
                .isCloseTo(SurrogateModel.Settings.defaults().maintenanceHours(), within(1e-9));
        assertThat(withMaintenance.costEur() - without.costEur()).isLessThan(
                2 * SurrogateModel.Settings.defaults().maintenanceCostEur() + 8 * 60 * 4.0);
    }

    /**
     * The tariff plan and the flat speed settings agree: deciding again and again on the line as each chosen speed
     * left it settles on a setting, and no setting comes back (before, no change held today's speed over the whole
     * horizon beside the hourly plan, and "by tariff plan 115 -> 130 %" and "130 -> 115 %" won in turn).
     */
    @Test
    void tariffPlanAndFlatSpeedSettingsSettleInsteadOfFlapping() {
        for (final int hour : new int[] {0, 2, 3, 4, 6, 7, 8}) {
            settles(hour);
        }
    }

    /**
     * "No change" keeps the plan only for the machines that follow it: once a flat setting took a machine off the
     * plan, no change holds that setting, so it is predicted exactly as the flat candidate was when it was chosen
     * (before, no change put the machine back on the plan after the hour now: the same line was judged two ways,
     * and in the benchmark a CNC went 100 -> 130 -> 115 -> 130 -> 100 % within one step).
     */
    @Test
    void aMachineSetOffThePlanHoldsItsSettingUnderNoChange() {
        final Instant at = T0.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(15));
        final TariffAgent agent = new TariffAgent(CURVE, () -> goal(0), TariffAgent.Settings.defaults());
        final TariffPlanModel model = new TariffPlanModel(SurrogateModel.Settings.defaults(), agent);
        final Candidate toPlan = agent.propose(line(at)).get(0);
        final PlantView onPlan = applied(line(at), toPlan, 0);
        assertThat(agent.propose(onPlan)).as("the line follows the plan").isEmpty();
        assertThat(agent.currentPlan()).hasSize(4);
        final Candidate flat = SpeedSettingsAgent.defaults().propose(onPlan).stream()
                .filter(c -> c.summary().startsWith("demo:cnc-1") && c.summary().endsWith("-> 115 %")).findFirst()
                .orElseThrow();
        final var flatPredicted = model.predict(onPlan, flat, Duration.ofHours(8)).objectives();

        final PlantView offPlan = applied(onPlan, flat, 1);
        assertThat(agent.propose(offPlan)).singleElement().satisfies(c -> assertThat(c.summary())
                .contains("demo:cnc-1 115 ->"));
        assertThat(agent.currentPlan()).hasSize(3).doesNotContainKey(ThingId.of("demo", "cnc-1"));
        final var noChange = model.predict(offPlan, Candidate.noChange(), Duration.ofHours(8)).objectives();
        assertThat(noChange.energyKwh()).isCloseTo(flatPredicted.energyKwh(), within(1e-6));
        assertThat(noChange.throughputUnits()).isCloseTo(flatPredicted.throughputUnits(), within(1e-6));
        assertThat(noChange.costEur()).isCloseTo(flatPredicted.costEur(), within(1e-6));
    }

    private static void settles(final int hour) {
        final Instant at = T0.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(15));
        final TariffAgent agent = new TariffAgent(CURVE, () -> goal(0), TariffAgent.Settings.defaults());
        final TariffPlanModel model = new TariffPlanModel(SurrogateModel.Settings.defaults(), agent);
        final Orchestrator orchestrator = new Orchestrator(List.of(agent, SpeedSettingsAgent.defaults()), model,
                () -> goal(0), ImpactPolicy.defaults(), false, 1.0, Clock.fixed(at, ZoneOffset.UTC));
        PlantView view = line(at);
        final List<Map<ThingId, Double>> seen = new java.util.ArrayList<>();
        seen.add(speeds(view));
        boolean settled = false;
        for (int round = 0; round < 12 && !settled; round++) {
            final Decision decision = orchestrator.decide(view);
            settled = decision.chosen().candidate().changesNothing();
            if (!settled) {
                view = applied(view, decision.chosen().candidate(), round);
                assertThat(seen).as("hour %d round %d: %s brings back a setting seen before %s", hour, round,
                        decision.chosen().candidate().summary(), seen).doesNotContain(speeds(view));
                seen.add(speeds(view));
            }
        }
        assertThat(settled).as("hour %d settles within 12 decisions: %s", hour, seen).isTrue();
    }

    private static Map<ThingId, Double> speeds(final PlantView view) {
        final Map<ThingId, Double> speeds = new TreeMap<>(java.util.Comparator.comparing(ThingId::toString));
        view.machines().forEach(m -> speeds.put(m.thingId(), m.speed()));
        return speeds;
    }

    /** The line after the connector applied the candidate's speeds (power ∝ speed^1.5, as the surrogate assumes). */
    private static PlantView applied(final PlantView view, final Candidate candidate, final int round) {
        final List<MachineView> machines = new java.util.ArrayList<>();
        for (final MachineView machine : view.machines()) {
            JsonObject operational = machine.operational();
            for (final Action action : candidate.actions()) {
                if (action.thingId().equals(machine.thingId()) && action.property().toString().equals("/Speed")) {
                    final double speed = action.value().asDouble();
                    operational = operational.setValue("PowerDraw", machine.powerKw()
                            * Math.pow(speed / machine.speed(), 1.5)).setValue("Speed", speed);
                }
            }
            machines.add(new MachineView(machine.thingId(), machine.revision() + round + 1, operational,
                    machine.desired(), machine.technical()));
        }
        return PlantView.of(machines, view.readAt());
    }

    private static Decision decide(final double floor, final Instant at) {
        final TariffAgent agent = new TariffAgent(CURVE, () -> goal(floor), TariffAgent.Settings.defaults());
        final Orchestrator orchestrator = new Orchestrator(List.of(agent, SpeedSettingsAgent.defaults()),
                new TariffPlanModel(SurrogateModel.Settings.defaults(), agent), () -> goal(floor),
                ImpactPolicy.defaults(), false, 1.0, Clock.fixed(at, ZoneOffset.UTC));
        return orchestrator.decide(line(at));
    }
}
