package io.twinloop.optimizer.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.junit.jupiter.api.Test;

import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.decision.Decision;
import io.twinloop.optimizer.decision.ImpactClass;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.orchestrator.Orchestrator;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.SurrogateModel;

/**
 * The quality agent on twin views built as the connector fills them (a part at a time), seeded; and through the
 * orchestrator with the scrap model and the default impact policy.
 */
class QualityAgentTest {

    private static final ThingId CNC = ThingId.of("demo:CNC01");
    private static final ThingId PRESS = ThingId.of("demo:Press01");
    private static final Instant T0 = Instant.parse("2026-01-05T06:00:00Z");

    /** A CNC twin feeding parts into the agent, one view per part. */
    private static final class Cnc {
        final SplittableRandom random;
        long revision = 10;
        long parts;
        double offset;
        Double desired;
        JsonObject technical = JsonObject.newBuilder().set("DimensionTolerance", 20.0)
                .set("ToolOffsetSetting", JsonObject.newBuilder().set("min", -50.0).set("max", 50.0).build())
                .build();

        Cnc(final long seed) {
            this.random = new SplittableRandom(seed);
        }

        /** The view after the next part, whose true mean deviation (before the offset) is {@code mean}. */
        PlantView part(final double mean) {
            parts++;
            final double u1 = 1 - random.nextDouble();
            final double noise = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.nextDouble());
            return view(JsonValue.of(mean + offset + 4 * noise));
        }

        PlantView view(final JsonValue deviation) {
            revision += 3;
            final JsonObjectBuilder operational = JsonObject.newBuilder().set("State", "RUNNING").set("Speed", 100.0)
                    .set("PowerDraw", 15.0).set("PartsProduced", parts).set("ToolOffset", offset)
                    .set("DimensionDeviation", deviation);
            final JsonObjectBuilder desiredProperties = JsonObject.newBuilder();
            if (desired != null) {
                desiredProperties.set("ToolOffset", desired);
            }
            final MachineView cnc = MachineView.of(CNC, JsonObject.newBuilder().set("_revision", revision)
                    .set("features", JsonObject.newBuilder()
                            .set(MachineView.OPERATIONAL, JsonObject.newBuilder().set("properties", operational.build())
                                    .set("desiredProperties", desiredProperties.build()).build())
                            .set(MachineView.TECHNICAL, JsonObject.newBuilder().set("properties", technical).build())
                            .build()).build());
            final MachineView press = MachineView.of(PRESS, JsonObject.newBuilder().set("_revision", revision)
                    .set("features", JsonObject.newBuilder().set(MachineView.OPERATIONAL, JsonObject.newBuilder()
                            .set("properties", JsonObject.newBuilder().set("State", "RUNNING").set("Speed", 100.0)
                                    .build()).build()).build()).build());
            return PlantView.of(List.of(cnc, press), T0.plusSeconds(90 * parts));
        }
    }

    /** Feeds {@code n} parts of mean {@code mean(i)}; returns the candidates of the last view that had any. */
    private static List<Candidate> feed(final QualityAgent agent, final Cnc cnc, final int n,
            final DoubleUnaryOperator mean) {
        List<Candidate> last = List.of();
        for (int i = 0; i < n; i++) {
            final List<Candidate> candidates = agent.propose(cnc.part(mean.applyAsDouble(i)));
            if (!candidates.isEmpty()) {
                last = candidates;
            }
        }
        return last;
    }

    private static double target(final Candidate candidate) {
        assertThat(candidate.actions()).hasSize(1);
        assertThat(candidate.actions().get(0).path()).isEqualTo("features/OperationalData/desiredProperties/ToolOffset");
        return candidate.actions().get(0).value().asDouble();
    }

    @Test
    void nothingWhileTheProcessIsInControl() {
        // ARL0 10,000: a false alarm within these 400 parts has a chance of about 4 %; the seed is fixed
        final QualityAgent agent = new QualityAgent(QualityAgent.Settings.defaults().withInControlArl(10_000));
        final Cnc cnc = new Cnc(1);
        for (int i = 0; i < 400; i++) {
            assertThat(agent.propose(cnc.part(0.0))).as("part %d", i).isEmpty();
        }
        assertThat(agent.estimate(CNC).orElseThrow().drifting()).isFalse();
        assertThat(agent.estimate(CNC).orElseThrow().sigmaUm()).isBetween(3.0, 5.0);
        assertThat(agent.estimate(PRESS)).as("the press shows no quality signal").isEmpty();
    }

    @Test
    void aDriftGetsAFullAndAHalfCorrectionWithinTheBounds() {
        final QualityAgent agent = new QualityAgent(QualityAgent.Settings.defaults());
        final Cnc cnc = new Cnc(2);
        feed(agent, cnc, 40, i -> 0);
        final List<Candidate> candidates = new ArrayList<>();
        double meanAtAlarm = Double.NaN;
        for (int i = 1; i <= 200 && candidates.isEmpty(); i++) {
            meanAtAlarm = 0.25 * i; // the tool wears: +0.25 µm per part
            candidates.addAll(agent.propose(cnc.part(meanAtAlarm)));
        }
        assertThat(candidates).hasSize(2);
        assertThat(meanAtAlarm).as("detected before the mean reaches the tolerance").isLessThan(20);
        final double full = target(candidates.get(0));
        final double half = target(candidates.get(1));
        assertThat(full).isNegative().isCloseTo(-meanAtAlarm, org.assertj.core.api.Assertions.within(6.0));
        assertThat(half).isCloseTo(full / 2, org.assertj.core.api.Assertions.within(0.1));
        assertThat(candidates.get(0).agent()).isEqualTo("quality");
        assertThat(candidates.get(0).summary()).contains("demo:CNC01 tool offset 0.0 -> ", "full correction");
        assertThat(candidates.get(0).reasoning()).contains("CUSUM", "in-control ARL 500", "within the declared [-50.0,"
                + " 50.0] µm");
        assertThat(candidates.get(0).actions().get(0).basedOnRevision()).isEqualTo(cnc.revision);
    }

    @Test
    void aCorrectionIsNeverOutsideTheDeclaredBounds() {
        final QualityAgent agent = new QualityAgent(QualityAgent.Settings.defaults());
        final Cnc cnc = new Cnc(3);
        cnc.offset = -40;
        feed(agent, cnc, 40, i -> 40); // in control at the offset: mean 0
        final List<Candidate> candidates = feed(agent, cnc, 30, i -> 60); // a +20 µm step: full wants -60
        assertThat(candidates).isNotEmpty().allSatisfy(c -> assertThat(target(c)).isBetween(-50.0, 50.0));
        assertThat(target(candidates.get(0))).isEqualTo(-50.0);
        assertThat(candidates.get(0).reasoning()).contains("clipped to the bound");

        cnc.offset = -50; // at the bound: nothing left to offer against a drift upwards
        final Cnc atBound = cnc;
        final QualityAgent fresh = new QualityAgent(QualityAgent.Settings.defaults());
        feed(fresh, atBound, 40, i -> 50);
        assertThat(feed(fresh, atBound, 40, i -> 70)).isEmpty();
        assertThat(fresh.estimate(CNC).orElseThrow().drifting()).isTrue();
    }

    @Test
    void noRepeatedCorrectionBeforeItsEffectIsSeen() {
        final QualityAgent agent = new QualityAgent(QualityAgent.Settings.defaults().withSettleParts(10));
        final Cnc cnc = new Cnc(4);
        feed(agent, cnc, 40, i -> 0);
        final List<Candidate> candidates = feed(agent, cnc, 30, i -> 15);
        assertThat(candidates).isNotEmpty();
        final double full = target(candidates.get(0));

        cnc.desired = full; // dispatched: the desired value waits for the connector
        for (int i = 0; i < 20; i++) {
            assertThat(agent.propose(cnc.part(15))).as("correction pending, part %d", i).isEmpty();
        }
        cnc.offset = full; // applied: the parts now sit near 15 + full, about 0
        cnc.desired = null;
        for (int i = 0; i < 10; i++) {
            assertThat(agent.propose(cnc.part(15))).as("settling, part %d", i).isEmpty();
        }
        assertThat(agent.estimate(CNC).orElseThrow().drifting()).isFalse();
        for (int i = 0; i < 60; i++) {
            assertThat(agent.propose(cnc.part(15))).as("corrected, in control, part %d", i).isEmpty();
        }
        // a new drift after the correction is a new question
        assertThat(feed(agent, cnc, 40, i -> 35)).isNotEmpty();
    }

    @Test
    void badTwinDataIsIgnoredAndNamed() {
        final QualityAgent agent = new QualityAgent(QualityAgent.Settings.defaults());
        final Cnc cnc = new Cnc(5);
        assertThat(agent.propose(cnc.view(JsonValue.of("twelve")))).isEmpty();
        assertThat(agent.problems().get(CNC)).contains("demo:CNC01", "OperationalData/DimensionDeviation",
                "finite number", "\"twelve\"");

        cnc.technical = JsonObject.newBuilder().set("DimensionTolerance", 20.0).build();
        assertThat(agent.propose(cnc.part(0))).isEmpty();
        assertThat(agent.problems().get(CNC)).contains("demo:CNC01", "TechnicalData/ToolOffsetSetting", "missing");

        cnc.technical = JsonObject.newBuilder().set("DimensionTolerance", 20.0).set("ToolOffsetSetting",
                JsonObject.newBuilder().set("min", 50.0).set("max", -50.0).build()).build();
        assertThat(agent.propose(cnc.part(0))).isEmpty();
        assertThat(agent.problems().get(CNC)).contains("TechnicalData/ToolOffsetSetting", "min 50.0 is above max");

        cnc.technical = JsonObject.newBuilder().set("DimensionTolerance", 20.0).set("ToolOffsetSetting",
                JsonObject.newBuilder().set("min", -10.0).set("max", 10.0).build()).build();
        cnc.offset = 30;
        assertThat(agent.propose(cnc.part(0))).isEmpty();
        assertThat(agent.problems().get(CNC)).contains("OperationalData/ToolOffset", "outside the declared");
        assertThat(agent.estimate(CNC)).as("nothing learnt from refused data").isEmpty();

        cnc.offset = 0;
        cnc.technical = new Cnc(0).technical;
        final List<Candidate> candidates = new ArrayList<>(feed(agent, cnc, 40, i -> 0));
        assertThat(agent.problems()).isEmpty();
        candidates.addAll(feed(agent, cnc, 40, i -> 15));
        assertThat(candidates).as("usable again, and a drift is found").isNotEmpty();
    }

    @Test
    void theGoalLayerChoosesTheFullCorrectionOnTheScrapModelAndItIsRoutine() {
        final QualityAgent agent = new QualityAgent(QualityAgent.Settings.defaults());
        final Cnc cnc = new Cnc(6);
        feed(agent, cnc, 40, i -> 0);
        PlantView view = null;
        for (int i = 0; i < 100; i++) {
            view = cnc.part(14); // a step to 14 µm: about 7 % of the parts beyond ±20 µm
            if (agent.estimate(CNC).map(QualityAgent.Estimate::drifting).orElse(false)) {
                break;
            }
            agent.propose(view);
        }
        final SurrogateModel.Settings estimates = SurrogateModel.Settings.defaults();
        final Orchestrator orchestrator = new Orchestrator(List.of(agent),
                new ScrapModel(new SurrogateModel(estimates, h -> 0.2), agent, estimates),
                () -> new GoalLayer(new Weights(1, 0.2, 50), 0, Map.of("Speed", new Bound(50, 130)),
                        Duration.ofHours(4)), ImpactPolicy.defaults(), false, 1.0, Clock.fixed(T0, ZoneOffset.UTC));
        final Decision decision = orchestrator.decide(view);

        assertThat(decision.evaluated()).hasSize(3); // no change, full, half
        assertThat(decision.chosen().candidate().summary()).contains("full correction");
        final double noChangeCost = decision.evaluated().stream().filter(e -> e.candidate().changesNothing())
                .findFirst().orElseThrow().predicted().costEur();
        assertThat(decision.chosen().predicted().costEur()).isLessThan(noChangeCost);
        assertThat(decision.impact().impact()).isEqualTo(ImpactClass.ROUTINE);
        assertThat(decision.disposition()).isEqualTo(Decision.Disposition.DISPATCH);
    }

    @Test
    void scrapProbabilityIsTheNormalTailsOutsideTheTolerance() {
        assertThat(ScrapModel.scrapProbability(0, 4, 20)).isCloseTo(5.7e-7, org.assertj.core.api.Assertions.within(1e-7));
        assertThat(ScrapModel.scrapProbability(20, 4, 20)).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(ScrapModel.scrapProbability(-12, 4, 20)).isCloseTo(0.02275, org.assertj.core.api.Assertions.within(1e-4));
    }
}
