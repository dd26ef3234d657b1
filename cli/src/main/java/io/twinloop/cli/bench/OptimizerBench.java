package io.twinloop.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PoliciesResourceType;
import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.policies.model.Subject;
import org.eclipse.ditto.policies.model.SubjectId;
import org.eclipse.ditto.policies.model.SubjectType;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.eclipse.ditto.things.model.signals.events.ThingMerged;

import io.twinloop.cli.TwinLoop;
import io.twinloop.optimizer.agent.Agent;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.energy.SpeedSettingsAgent;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.orchestrator.Orchestrator;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.projection.TwinScope;
import io.twinloop.optimizer.service.OptimizerConfig;
import io.twinloop.optimizer.service.OptimizerService;
import io.twinloop.optimizer.whatif.SurrogateModel;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.EventSubscription;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinEventListener;
import io.twinloop.twin.client.TwinEvents;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twinloop bench optimizer}: decision latency, from a twin event to the optimizer's desired write. A line of
 * N machines on the embedded twin server; the optimizer (its own least-privilege user, energy-only goal, permissive
 * impact policy, no throttling) has settled them at its preferred speed. The driver then sets one machine's desired
 * speed back to 100 % at a time, round robin at a given rate; the optimizer sees the event, decides over the whole
 * line (every agent candidate predicted and scored) and writes its setting back, conditionally and persisted. A
 * subscriber times each disturbance to the event of the optimizer's write. Beside it, the full re-optimization: one
 * {@code Orchestrator.decide} over the N-machine snapshot, in this JVM.
 */
@Command(name = "optimizer", mixinStandardHelpOptions = true,
        description = "Decision latency from a twin event to the optimizer's desired write, and full re-optimization "
                + "time, for an N-machine line.")
public final class OptimizerBench implements Callable<Integer> {

    private static final String NAMESPACE = "bench";
    private static final String OPTIMIZER = "optimizer";
    private static final double SETTLED = 70.0;

    @CommandLine.Mixin
    private MeasuredWindow timing;

    @Option(names = "--machines", defaultValue = "50", description = "machines on the line (default ${DEFAULT-VALUE})")
    private int machines;

    @Option(names = "--rate", defaultValue = "20",
            description = "disturbances per second, one machine at a time (default ${DEFAULT-VALUE})")
    private int rate;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final Path data = BenchServer.createDataFolder();
        try (BenchServer twin = BenchServer.start(BenchServer.config(data).withUser(OPTIMIZER, OPTIMIZER));
             DittoClient optimizerClient = DittoClient.builder(twin.uri()).basicAuth(OPTIMIZER, OPTIMIZER).build()) {
            final DittoClient owner = twin.client();
            final List<ThingId> line = createLine(owner);
            final List<Agent> agents = List.of(SpeedSettingsAgent.defaults());
            final SurrogateModel model = new SurrogateModel(SurrogateModel.Settings.defaults(), hour -> 0.25);
            final OptimizerConfig config = config(data);
            final Disturbances disturbances = new Disturbances();
            try (TwinEvents events = owner.subscribe(EventSubscription.all().namespaces(NAMESPACE), disturbances)
                    .get(10, TimeUnit.SECONDS);
                 OptimizerService optimizer = OptimizerService.start(config, optimizerClient, agents, model)
                         .get(60, TimeUnit.SECONDS)) {
                awaitSettled(owner, line);
                final Thread driver = new Thread(() -> drive(owner, line, disturbances), "bench-disturbances");
                driver.setDaemon(true);
                driver.start();
                final long decisionsBefore = optimizer.statistics().decisions();
                final MeasuredWindow.Measured window = timing.measure(disturbances.measuring);
                disturbances.stopped.set(true);
                driver.join(5_000);
                final Latencies latencies = Latencies.of(List.of(disturbances.recorder));
                out.printf(Locale.ROOT, "optimizer decision latency, %d machines, %d disturbances/s, %d s: %d "
                        + "decisions answered (%.1f/s), %s (from the twin event of a disturbance to the event of "
                        + "the optimizer's persisted desired write; %d unanswered at the end)%n", machines, rate,
                        timing.seconds(), latencies.count(), latencies.count() / window.seconds(), latencies.summary(),
                        disturbances.sent.size());
                out.printf(Locale.ROOT, "decisions made in the window: %d; %s%n",
                        optimizer.statistics().decisions() - decisionsBefore, optimizer.statistics());
                out.println(window.cpu().perOperation(latencies.count(), "decision"));
                reoptimization(out, optimizer.projection().snapshot(), agents, model, config);
            }
        } finally {
            BenchServer.deleteDataFolder(data);
        }
        out.flush();
        return TwinLoop.EXIT_OK;
    }

    private OptimizerConfig config(final Path data) {
        final OptimizerConfig defaults = OptimizerConfig.defaults(data.resolve("optimizer"));
        return new OptimizerConfig(new TwinScope(List.of(NAMESPACE), Optional.empty()),
                new GoalLayer(new Weights(0, 1, 0), 0, Map.of("Speed", new Bound(60, 130)), Duration.ofHours(1)),
                new ImpactPolicy(1e12, 100, Set.of()), false, defaults.minImprovement(), Duration.ofMillis(1),
                defaults.ackTimeout(), defaults.decisionLog(), defaults.keyDirectory(), defaults.agentName());
    }

    private List<ThingId> createLine(final DittoClient owner) {
        owner.putPolicy(Policy.newBuilder(PolicyId.of(NAMESPACE + ":line"))
                .forLabel("OWNER").setSubject(subject("nginx:" + BenchServer.USER))
                .setGrantedPermissions(PoliciesResourceType.thingResource("/"), "READ", "WRITE")
                .setGrantedPermissions(PoliciesResourceType.policyResource("/"), "READ", "WRITE")
                .forLabel("OPTIMIZER").setSubject(subject("nginx:" + OPTIMIZER))
                .setGrantedPermissions(PoliciesResourceType.thingResource("/"), "READ")
                .setGrantedPermissions(PoliciesResourceType.thingResource(
                        "/features/OperationalData/desiredProperties"), "WRITE")
                .build(), RequestOptions.none()).join();
        final List<ThingId> line = new ArrayList<>();
        for (int i = 1; i <= machines; i++) {
            final ThingId id = ThingId.of(NAMESPACE, String.format(Locale.ROOT, "M%03d", i));
            owner.putThing(ThingsModelFactory.newThing(JsonObject.of("{\"thingId\":\"" + id + "\",\"policyId\":\""
                    + NAMESPACE + ":line\",\"features\":{\"OperationalData\":{\"properties\":{\"State\":\"RUNNING\","
                    + "\"Speed\":100.0,\"PowerDraw\":" + (5 + (i * 7) % 20) + ".0,\"HealthIndex\":0.9}}}}")),
                    RequestOptions.none()).join();
            line.add(id);
        }
        return line;
    }

    private static Subject subject(final String id) {
        return Subject.newInstance(SubjectId.newInstance(id), SubjectType.newInstance("bench"));
    }

    private void awaitSettled(final DittoClient owner, final List<ThingId> line) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (final ThingId id : line) {
            while (!desiredSpeed(owner, id).equals(Optional.of(SETTLED))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the optimizer did not settle the line within 120 s (" + id
                            + " desired speed " + desiredSpeed(owner, id) + ")");
                }
                Thread.sleep(20);
            }
        }
    }

    private static Optional<Double> desiredSpeed(final DittoClient owner, final ThingId id) {
        return owner.retrieveThing(id).join().getFeatures().flatMap(f -> f.getFeature("OperationalData"))
                .flatMap(f -> f.getDesiredProperty(JsonPointer.of("Speed"))).filter(JsonValue::isNumber)
                .map(JsonValue::asDouble);
    }

    /** Round robin: one machine's desired speed back to 100 % every 1/rate s, unless it is still disturbed. */
    private void drive(final DittoClient owner, final List<ThingId> line, final Disturbances disturbances) {
        final long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        int i = 0;
        while (!disturbances.stopped.get()) {
            final ThingId id = line.get(i++ % line.size());
            if (disturbances.sent.putIfAbsent(id, System.nanoTime()) == null) {
                owner.putFeatureDesiredProperty(id, "OperationalData", JsonPointer.of("Speed"), JsonValue.of(100.0),
                        RequestOptions.none()).join();
            }
            next += period;
            final long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                } catch (final InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One Orchestrator.decide over the whole line, repeated: the full re-optimization time. */
    private static void reoptimization(final PrintWriter out, final PlantView view, final List<Agent> agents,
            final SurrogateModel model, final OptimizerConfig config) {
        final Orchestrator orchestrator = new Orchestrator(agents, model, config::goal, config.impact(), false,
                config.minImprovement(), Clock.systemUTC());
        final Latencies.Recorder recorder = new Latencies.Recorder();
        int candidates = 0;
        for (int i = 0; i < 600; i++) {
            final long start = System.nanoTime();
            candidates = orchestrator.decide(view).evaluated().size();
            if (i >= 100) {
                recorder.add(System.nanoTime() - start);
            }
        }
        out.printf(Locale.ROOT, "full re-optimization of %d machines (%d candidates predicted and scored): %s%n",
                view.machines().size(), candidates, Latencies.of(List.of(recorder)).summary());
    }

    /** The disturbances under way, and the optimizer's answers to them. */
    private static final class Disturbances implements TwinEventListener {

        final Map<ThingId, Long> sent = new ConcurrentHashMap<>();
        final AtomicBoolean measuring = new AtomicBoolean();
        final AtomicBoolean stopped = new AtomicBoolean();
        final Latencies.Recorder recorder = new Latencies.Recorder();
        final AtomicLong answers = new AtomicLong();

        @Override
        public void onEvent(final ThingEvent<?> event) {
            if (!(event instanceof ThingMerged merged) || !merged.getValue().isObject()) {
                return;
            }
            final Optional<JsonValue> speed = merged.getValue().asObject()
                    .getValue(JsonPointer.of("features/OperationalData/desiredProperties/Speed"));
            if (speed.isEmpty() || !speed.get().isNumber() || speed.get().asDouble() != SETTLED) {
                return;
            }
            final Long start = sent.remove(merged.getEntityId());
            if (start != null && measuring.get()) {
                recorder.add(System.nanoTime() - start);
                answers.incrementAndGet();
            }
        }
    }
}
