package io.twinloop.optimizer.sequencing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.ditto.json.JsonValue;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.goal.Objectives;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.PlantModel;
import io.twinloop.optimizer.whatif.Prediction;

/**
 * A {@link PlantModel} that adds the delivery commitments to the base model's prediction: every candidate is
 * charged the lateness penalty ({@link DeliveryPenalty}) of the queue orders it leads to (its
 * {@code desiredProperties/JobSequence} actions, the current orders for the queues it does not touch), simulated on
 * each line ({@link FlowLine}), and its throughput moves by the parts its orders complete within the horizon more or
 * less than the current orders do. A candidate without sequencing actions carries the current orders' penalty, so
 * the goal layer weighs delivery against energy and downtime on one scale, and a re-sequencing that finishes fewer
 * parts within the horizon shows as a trade-off on the Pareto front. Stateless: it judges any candidate from its
 * actions (an approval's re-check included); a sequence that is no reordering of the waiting jobs (the queue moved
 * on) counts as the current order, as the plant would refuse it.
 */
public record DeliveryCostModel(PlantModel base, ShopFloor floor) implements PlantModel {

    public DeliveryCostModel {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(floor, "floor");
    }

    /** One line's current orders, simulated once per forecast. */
    private record Line(FlowLine line, double penaltyEur, long parts) {
    }

    @Override
    public Forecast forecast(final PlantView view, final Duration horizon) {
        final long seconds = horizon.toSeconds();
        final DeliveryPenalty penalty = floor.settings().penalty();
        final List<Line> lines = new ArrayList<>();
        for (final FlowLine line : floor.read(view).lines()) {
            final var schedule = line.simulate(line.current());
            lines.add(new Line(line, penalty.price(line.evaluate(line.current())),
                    line.partsCompletedWithin(schedule, seconds)));
        }
        final Forecast forecast = base.forecast(view, horizon);
        return candidate -> predict(forecast.predict(candidate), candidate, lines, penalty, seconds);
    }

    private static Prediction predict(final Prediction base, final Candidate candidate, final List<Line> lines,
            final DeliveryPenalty penalty, final long seconds) {
        double cost = base.objectives().costEur();
        double throughput = base.objectives().throughputUnits();
        for (final Line line : lines) {
            final QueueOrder order = ordered(line.line(), candidate);
            if (order.equals(line.line().current())) {
                cost += line.penaltyEur();
                continue;
            }
            final var delivery = line.line().evaluate(order);
            cost += penalty.price(delivery);
            throughput += line.line().partsCompletedWithin(delivery.schedule(), seconds) - line.parts();
        }
        return new Prediction(new Objectives(cost, base.objectives().energyKwh(), base.objectives().downtimeHours(),
                Math.max(0, throughput)), base.confidence(), base.model() + "+delivery");
    }

    /** The orders a candidate asks for on one line (its valid JobSequence actions over the current orders). */
    private static QueueOrder ordered(final FlowLine line, final Candidate candidate) {
        QueueOrder order = line.current();
        for (final Action action : candidate.actions()) {
            if (!("/" + JobQueues.JOB_SEQUENCE).equals(action.property().toString()) || !action.value().isArray()
                    || !line.current().byMachine().containsKey(action.thingId())) {
                continue;
            }
            final List<String> ids = new ArrayList<>();
            for (final JsonValue id : action.value().asArray()) {
                ids.add(id.isString() ? id.asString() : id.toString());
            }
            final QueueOrder asked = order.with(action.thingId(), ids);
            if (line.accepts(asked)) {
                order = asked;
            }
        }
        return order;
    }
}
