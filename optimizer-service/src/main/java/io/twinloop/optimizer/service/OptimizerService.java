package io.twinloop.optimizer.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.typesafe.config.ConfigFactory;

import io.twinloop.audit.AgentKey;
import io.twinloop.audit.DecisionLog;
import io.twinloop.optimizer.agent.Agent;
import io.twinloop.optimizer.decision.Decision;
import io.twinloop.optimizer.decision.DecisionRecorder;
import io.twinloop.optimizer.dispatch.DesiredWriter;
import io.twinloop.optimizer.dispatch.DispatchOutcome;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.orchestrator.Orchestrator;
import io.twinloop.optimizer.projection.ProjectionSync;
import io.twinloop.optimizer.projection.TwinProjection;
import io.twinloop.optimizer.whatif.PlantModel;
import io.twinloop.twin.client.DittoClient;

/**
 * The optimizer service: follows the twins ({@link ProjectionSync} into a {@link TwinProjection}), and on change
 * decides ({@link Orchestrator}) on the latest picture, records the decision in the signed log, writes the desired
 * values of routine decisions (conditional on the revisions read) and keeps high-impact ones as proposals.
 *
 * <p>Backpressure without unbounded queues: twin changes are signals into a Pekko Streams queue of one element
 * that keeps only the newest ({@code dropHead}), throttled to one decision per {@code decisionInterval}, decided one
 * at a time ({@code mapAsync(1)}); however fast the twins change, at most one decision waits. A decision whose
 * write meets a twin that moved on (412) signals again, so it is made anew on what the twin shows now.
 */
public final class OptimizerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OptimizerService.class);
    private static final int KEEP_PROPOSALS = 1_000;

    private final OptimizerConfig config;
    private final ActorSystem system;
    private final ScheduledExecutorService scheduler;
    private final TwinProjection projection;
    private final AtomicReference<GoalLayer> goal;
    private final Orchestrator orchestrator;
    private final DesiredWriter writer;
    private final DecisionLog log;
    private final DecisionRecorder recorder;
    private final ConcurrentLinkedDeque<Decision> proposals = new ConcurrentLinkedDeque<>();
    private final OptimizerStatistics.Counters counters = new OptimizerStatistics.Counters();
    private final AtomicLong pendingSince = new AtomicLong();
    private SourceQueueWithComplete<Long> changes;
    private CompletionStage<Done> stream;
    private ProjectionSync sync;

    private OptimizerService(final OptimizerConfig config, final DittoClient ditto, final List<Agent> agents,
            final PlantModel model) {
        this.config = config;
        this.system = ActorSystem.create("twinloop-optimizer", ConfigFactory.parseString(
                "pekko.loglevel = WARNING\npekko.stdout-loglevel = OFF").withFallback(ConfigFactory.load()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "twinloop-optimizer-retry");
            thread.setDaemon(true);
            return thread;
        });
        this.projection = new TwinProjection(Clock.systemUTC());
        this.goal = new AtomicReference<>(config.goal());
        this.orchestrator = new Orchestrator(agents, model, goal::get, config.impact(), config.recommendOnly(),
                config.minImprovement(), Clock.systemUTC());
        this.writer = new DesiredWriter(ditto, config.ackTimeout());
        this.log = DecisionLog.open(config.decisionLog(), AgentKey.loadOrCreate(config.keyDirectory(),
                config.agentName()));
        this.recorder = new DecisionRecorder(log);
    }

    /** Completes when the projection is built; decisions start from there. */
    public static CompletableFuture<OptimizerService> start(final OptimizerConfig config, final DittoClient ditto,
            final List<Agent> agents, final PlantModel model) {
        final OptimizerService service = new OptimizerService(config, ditto, agents, model);
        service.changes = Source.<Long>queue(1, OverflowStrategy.dropHead())
                .throttle(1, config.decisionInterval())
                .mapAsync(1, service::decideAndAct)
                .toMat(Sink.ignore(), (queue, done) -> {
                    service.stream = done;
                    return queue;
                })
                .run(service.system);
        return ProjectionSync.start(ditto, config.scope(), service.projection, service::changed, service.scheduler)
                .thenApply(sync -> {
                    service.sync = sync;
                    LOG.info("optimizer started: scope={} agents={} recommendOnly={} decisionInterval={} log={}",
                            config.scope(), agents.stream().map(Agent::name).toList(), config.recommendOnly(),
                            config.decisionInterval(), config.decisionLog().toAbsolutePath());
                    return service;
                })
                .whenComplete((started, failure) -> {
                    if (failure != null) {
                        service.close();
                    }
                });
    }

    /** A twin changed: the next decision will see it. Never blocks. */
    private void changed() {
        final long now = System.nanoTime();
        pendingSince.compareAndSet(0, now);
        if (changes != null) {
            changes.offer(now);
        }
    }

    private CompletionStage<Decision> decideAndAct(final Long signalled) {
        final long since = pendingSince.getAndSet(0);
        final Decision decision = orchestrator.decide(projection.snapshot());
        counters.decided(decision.disposition());
        if (decision.disposition() != Decision.Disposition.NO_ACTION) {
            recorder.decided(decision);
            LOG.info("decision: id={} disposition={} chosen=\"{}\" impact={} score={} noChangeScore={}",
                    decision.id(), decision.disposition(), decision.chosen().candidate().summary(),
                    decision.impact().impact(), decision.chosen().score(), decision.evaluated().get(0).score());
        }
        switch (decision.disposition()) {
            case PROPOSE -> {
                proposals.addFirst(decision);
                while (proposals.size() > KEEP_PROPOSALS) {
                    proposals.removeLast();
                }
            }
            case DISPATCH -> {
                return writer.write(decision.chosen().candidate().actions(), decision.id()).thenApply(outcomes -> {
                    recorder.dispatched(decision.id(), outcomes);
                    counters.dispatched(outcomes, since == 0 ? 0 : System.nanoTime() - since);
                    if (outcomes.stream().anyMatch(o -> o.status() == DispatchOutcome.Status.CONFLICT)) {
                        changed(); // decide again on what the twins show now
                    }
                    return decision;
                });
            }
            default -> {
                // NO_ACTION and RECOMMEND: recorded (if anything was proposed), nothing written
            }
        }
        return CompletableFuture.completedFuture(decision);
    }

    /** Replaces the goal layer (weights, bounds, floor, horizon); the next decision uses it. */
    public void updateGoal(final GoalLayer newGoal) {
        goal.set(newGoal);
        LOG.info("goal layer changed: {}", newGoal);
        changed();
    }

    public GoalLayer goal() {
        return goal.get();
    }

    /** High-impact decisions waiting for a person, newest first. */
    public List<Decision> proposals() {
        return new ArrayList<>(proposals);
    }

    public OptimizerStatistics statistics() {
        return counters.snapshot(projection.size(), proposals.size());
    }

    public TwinProjection projection() {
        return projection;
    }

    public OptimizerConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (sync != null) {
            sync.close();
        }
        if (changes != null) {
            changes.complete();
        }
        if (stream != null) {
            stream.toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(failure -> Done.getInstance()).join();
        }
        system.terminate();
        scheduler.shutdownNow();
        log.close();
        LOG.info("optimizer stopped: {}", statistics());
    }
}
