package io.twinloop.optimizer.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

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
import io.twinloop.audit.SignedEntry;
import io.twinloop.ditto.guard.WriteSigner;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.outcome.OutcomeTracker;
import io.twinloop.optimizer.plant.PlantView;
import io.twinloop.optimizer.whatif.WhatIfEvaluator;
import io.twinloop.optimizer.whatif.WhatIfReport;
import io.twinloop.optimizer.agent.Agent;
import io.twinloop.optimizer.approval.OperatorKeys;
import io.twinloop.optimizer.approval.Proposal;
import io.twinloop.optimizer.approval.ProposalException;
import io.twinloop.optimizer.approval.ProposalStore;
import io.twinloop.optimizer.decision.Decision;
import io.twinloop.optimizer.decision.DecisionRecorder;
import io.twinloop.optimizer.decision.Recheck;
import io.twinloop.optimizer.dispatch.DesiredWriter;
import io.twinloop.optimizer.dispatch.DispatchOutcome;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.hold.ManualHold;
import io.twinloop.optimizer.hold.ManualHolds;
import io.twinloop.optimizer.hold.OwnWrites;
import io.twinloop.optimizer.orchestrator.Orchestrator;
import io.twinloop.optimizer.projection.ProjectionSync;
import io.twinloop.optimizer.projection.TwinFeed;
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
 *
 * <p>What-if before acting: a decision to be proposed is simulated on the plant's engine ({@link WhatIfEvaluator})
 * off this stream, then recorded with the simulated prediction and shown; dispatched and recommended decisions are
 * observed on the twins until their horizon has passed ({@link OutcomeTracker}) and get an {@code outcome} entry.
 */
public final class OptimizerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OptimizerService.class);
    private static final int KEEP_PROPOSALS = 1_000;
    private static final int APPROVED_ATTEMPTS = 3;

    private final OptimizerConfig config;
    private final ActorSystem system;
    private final ScheduledExecutorService scheduler;
    private final TwinProjection projection;
    private final AtomicReference<GoalLayer> goal;
    private final List<String> agentNames;
    private final Orchestrator orchestrator;
    private final DesiredWriter writer;
    private final OperatorKeys operatorKeys;
    private final DecisionLog log;
    private final DecisionRecorder recorder;
    private final ProposalStore proposals = new ProposalStore(KEEP_PROPOSALS);
    private final WorkOrders workOrders = new WorkOrders();
    private final ManualHolds holds;
    /** holds whose override is being simulated before it is shown: not proposed again meanwhile */
    private final Set<String> overridesSimulating = ConcurrentHashMap.newKeySet();
    private final OptimizerStatistics.Counters counters = new OptimizerStatistics.Counters();
    private final AtomicLong pendingSince = new AtomicLong();
    /** with decisions on request: a decision asked for by {@link #decideNow()}, not yet taken from the stream */
    private final java.util.concurrent.atomic.AtomicBoolean requested = new java.util.concurrent.atomic.AtomicBoolean();
    /** decisions taken from the stream and not finished (their writes included), approvals being dispatched */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final Clock clock;
    private final WhatIfEvaluator whatIf;
    private final OutcomeTracker outcomes;
    /** action sets of proposals being simulated before they are shown: not chosen again meanwhile */
    private final Set<String> simulating = ConcurrentHashMap.newKeySet();
    /** the decision entries of recent decisions, for the outcome entries that refer to them */
    private final Map<String, String> decisionHashes = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(final Map.Entry<String, String> eldest) {
                    return size() > KEEP_PROPOSALS;
                }
            });
    private SourceQueueWithComplete<Long> changes;
    private CompletionStage<Done> stream;
    private TwinFeed.Running sync;

    private OptimizerService(final OptimizerConfig config, final DittoClient ditto,
            final Function<Supplier<GoalLayer>, AgentLineup> lineupOfGoal, final Clock clock) {
        this.config = config;
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.system = ActorSystem.create("twinloop-optimizer", ConfigFactory.parseString(
                "pekko.loglevel = WARNING\npekko.stdout-loglevel = OFF\n"
                + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off").withFallback(ConfigFactory.load()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "twinloop-optimizer-retry");
            thread.setDaemon(true);
            return thread;
        });
        this.projection = new TwinProjection(clock);
        this.goal = new AtomicReference<>(config.goal());
        final AgentLineup lineup = lineupOfGoal.apply(goal::get);
        this.agentNames = lineup.agents().stream().map(Agent::name).toList();
        this.orchestrator = new Orchestrator(lineup.agents(), lineup.model(), goal::get, config.impact(),
                config.recommendOnly(), config.minImprovement(), clock);
        // one key for the log and for the twin writes: a write's signature names the decision the log signs
        final AgentKey key = AgentKey.loadOrCreate(config.keyDirectory(), config.agentName());
        this.writer = new DesiredWriter(ditto, config.ackTimeout(),
                WriteSigner.fromKeyDirectory(config.keyDirectory(), config.agentName()));
        this.operatorKeys = OperatorKeys.besideAgentKeys(config.keyDirectory());
        // read before the log is continued: what this optimizer wrote tells its values from a person's after a restart
        this.holds = new ManualHolds(config.holds(), config.holds().enabled() ? OwnWrites.fromLog(config.decisionLog())
                : OwnWrites.none());
        this.log = DecisionLog.open(config.decisionLog(), key);
        this.recorder = new DecisionRecorder(log);
        this.whatIf = new WhatIfEvaluator(config.whatIf(), goal::get, config.minImprovement());
        this.outcomes = config.whatIf().trackOutcomes() ? new OutcomeTracker(projection::snapshot,
                config.whatIf().estimates(), config.whatIf().pricePerKwh(), config.whatIf().maxTrackedOutcomes(),
                this::observed, clock) : null;
        if (outcomes != null) {
            final long every = config.whatIf().outcomeSampleInterval().toMillis();
            scheduler.scheduleWithFixedDelay(outcomes::sample, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void observed(final OutcomeTracker.Observation observation) {
        recorder.observed(observation);
        LOG.info("outcome observed: decision={} comparedWith={} observed={} predictions={}",
                observation.decisionId(), observation.comparedWith(), observation.observed(),
                observation.predictions().stream().map(p -> p.model() + "=" + observation.predicted(p)).toList());
    }

    private void track(final Decision decision, final WhatIfReport prediction, final boolean chosenApplied) {
        final String hash = decisionHashes.get(decision.id());
        if (outcomes != null && hash != null) {
            outcomes.track(decision.id(), hash, prediction, chosenApplied);
        }
    }

    private SignedEntry record(final Decision decision) {
        final SignedEntry entry = recorder.decided(decision);
        decisionHashes.put(decision.id(), entry.hash());
        LOG.info("decision: id={} disposition={} chosen=\"{}\" impact={} score={} noChangeScore={} prediction={}",
                decision.id(), decision.disposition(), decision.chosen().candidate().summary(),
                decision.impact().impact(), decision.chosen().score(), decision.evaluated().get(0).score(),
                decision.prediction().model());
        return entry;
    }

    private static String actionsOf(final Candidate candidate) {
        return candidate.actions().stream().map(a -> a.thingId() + " " + a.path() + "=" + a.value()).sorted()
                .toList().toString();
    }

    /** Completes when the projection is built; decisions start from there. */
    public static CompletableFuture<OptimizerService> start(final OptimizerConfig config, final DittoClient ditto,
            final List<Agent> agents, final PlantModel model) {
        return start(config, ditto, goal -> new AgentLineup(agents, model));
    }

    /**
     * Starts with agents and model built on the service's live goal layer (e.g.
     * {@link AgentLineup#standard}); completes when the projection is built.
     */
    public static CompletableFuture<OptimizerService> start(final OptimizerConfig config, final DittoClient ditto,
            final Function<Supplier<GoalLayer>, AgentLineup> lineupOfGoal) {
        return start(config, ditto, lineupOfGoal, Clock.systemUTC());
    }

    /**
     * The same on another clock: the time the agents see as "now" ({@link PlantView#readAt()}: prices, wear rates,
     * due dates, horizons), decisions and outcomes are stamped with. A simulated plant stepped faster than real time
     * (the scenario benchmark) passes its simulated clock; the signatures of desired writes keep the wall clock,
     * because the twins' guard checks their expiry against its own.
     */
    public static CompletableFuture<OptimizerService> start(final OptimizerConfig config, final DittoClient ditto,
            final Function<Supplier<GoalLayer>, AgentLineup> lineupOfGoal, final Clock clock) {
        return start(config, ditto, lineupOfGoal, clock, TwinFeed.webSocket());
    }

    /**
     * The same with the twins from another feed: {@link TwinFeed#webSocket()} (every twin in scope, the default),
     * or as one of several instances in a Kafka consumer group ({@code consumergroup.ConsumerGroupFeed}), where this
     * instance holds, and decides on, only the twins of the partitions it owns.
     */
    public static CompletableFuture<OptimizerService> start(final OptimizerConfig config, final DittoClient ditto,
            final Function<Supplier<GoalLayer>, AgentLineup> lineupOfGoal, final Clock clock, final TwinFeed feed) {
        final OptimizerService service = new OptimizerService(config, ditto, lineupOfGoal, clock);
        service.changes = Source.<Long>queue(1, OverflowStrategy.dropHead())
                .throttle(1, config.decisionInterval())
                .mapAsync(1, service::decideAndAct)
                .toMat(Sink.ignore(), (queue, done) -> {
                    service.stream = done;
                    return queue;
                })
                .run(service.system);
        final CompletableFuture<? extends TwinFeed.Running> following;
        try {
            following = feed.start(ditto, config.scope(), service.projection, service::changed, service.scheduler);
        } catch (final RuntimeException e) {
            service.close();
            return CompletableFuture.failedFuture(e);
        }
        return following
                .thenApply(sync -> {
                    service.sync = sync;
                    LOG.info("optimizer started: scope={} agents={} recommendOnly={} decisionInterval={} log={} "
                            + "feed=\"{}\"", config.scope(), service.agentNames, config.recommendOnly(),
                            config.decisionInterval(), config.decisionLog().toAbsolutePath(), sync.describe());
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
        if (changes != null && !config.decidesOnRequest()) {
            changes.offer(now);
        }
    }

    /**
     * With {@link OptimizerConfig#decidesOnRequest()}: takes the decision the twins' changes made due, now — if one
     * is due and nothing is under way (no decision, write, approved dispatch or what-if); otherwise nothing.
     *
     * @return whether a decision was asked for
     */
    public boolean decideNow() {
        if (!config.decidesOnRequest() || changes == null || pendingSince.get() == 0 || inFlight.get() > 0
                || !simulating.isEmpty() || !requested.compareAndSet(false, true)) {
            return false;
        }
        changes.offer(System.nanoTime());
        return true;
    }

    private CompletionStage<Decision> decideAndAct(final Long signalled) {
        inFlight.incrementAndGet();
        requested.set(false);
        final long since = pendingSince.getAndSet(0);
        try {
            return decideAndAct(since).whenComplete((decision, failure) -> inFlight.decrementAndGet());
        } catch (final RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    private CompletionStage<Decision> decideAndAct(final long since) {
        final PlantView view = projection.snapshot();
        final List<ManualHold> held = holds.inForce(projection.desiredOrigins(), clock.instant());
        withdrawEndedOverrides(held);
        closeWorkOrders(view);
        final Decision decision = orchestrator.decide(view,
                candidate -> proposals.awaitsApproval(candidate) || simulating.contains(actionsOf(candidate))
                        || overrideWaits(candidate, held), held);
        counters.decided(decision.disposition());
        if (!decision.held().isEmpty() && decision.disposition() != Decision.Disposition.NO_ACTION) {
            LOG.info("a person's setting holds, the agent's change waits for approval: decision={} chosen=\"{}\" "
                    + "held={}", decision.id(), decision.chosen().candidate().summary(),
                    decision.held().stream().map(ManualHold::describe).toList());
        }
        if (whatIf.simulatesBeforeShowing(decision)) {
            // simulated off this stream before anyone sees it; meanwhile its actions are not chosen again
            final String actions = actionsOf(decision.chosen().candidate());
            final List<String> overridden = decision.held().stream().map(ManualHold::key).toList();
            simulating.add(actions);
            overridesSimulating.addAll(overridden);
            whatIf.evaluate(decision, view).thenAccept(report -> {
                try {
                    final Decision simulated = decision.withPrediction(report);
                    record(simulated);
                    propose(simulated);
                } finally {
                    simulating.remove(actions);
                    overridden.forEach(overridesSimulating::remove);
                }
            }).exceptionally(failure -> {
                LOG.error("proposal could not be recorded after its what-if: decision={}", decision.id(), failure);
                return null;
            });
            return CompletableFuture.completedFuture(decision);
        }
        if (decision.disposition() != Decision.Disposition.NO_ACTION) {
            record(decision);
        }
        switch (decision.disposition()) {
            case PROPOSE -> propose(decision);
            case DISPATCH -> {
                final List<io.twinloop.optimizer.agent.Action> actions = decision.chosen().candidate().actions();
                holds.ownWrites().writing(actions);
                return writer.write(actions, decision.id()).thenApply(outcomes -> {
                    holds.ownWrites().answered(actions, outcomes);
                    recorder.dispatched(decision.id(), outcomes);
                    workOrders.written(decision.chosen().candidate().actions(), outcomes, decision.id(),
                            Optional.empty());
                    counters.dispatched(outcomes, since == 0 ? 0 : System.nanoTime() - since);
                    if (outcomes.stream().anyMatch(o -> o.status() == DispatchOutcome.Status.CONFLICT)) {
                        changed(); // decide again on what the twins show now
                    }
                    if (outcomes.stream().allMatch(o -> o.status() == DispatchOutcome.Status.WRITTEN)) {
                        track(decision, decision.prediction(), true);
                        if (whatIf.samples(decision)) {
                            whatIf.evaluate(decision, view).thenAccept(report -> {
                                recorder.predicted(decision.id(), report);
                                if (this.outcomes != null) {
                                    this.outcomes.alsoPredicted(decision.id(), report);
                                }
                            });
                        }
                    }
                    return decision;
                });
            }
            case RECOMMEND -> track(decision, decision.prediction(), false);
            default -> {
                // NO_ACTION: nothing recorded, nothing written
            }
        }
        return CompletableFuture.completedFuture(decision);
    }

    /**
     * Withdraws the desired {@code MaintenanceRequest} of every work order the twins show taken up (see
     * {@link WorkOrders}): a merge deleting it, signed for the decision that asked for it and, when that needed
     * approval, with the approving operator's approval (the guard treats the request's path as high impact; closing
     * the work order is part of what was approved). Logged as a {@code withdrawal} entry under that decision.
     * The writes run beside the decision; {@link #settled()} waits for them.
     */
    private void closeWorkOrders(final PlantView view) {
        for (final WorkOrders.Withdrawal due : workOrders.due(view)) {
            final WorkOrders.WorkOrder order = due.order();
            inFlight.incrementAndGet();
            try {
                holds.ownWrites().writing(List.of(due.action()));
                writer.write(List.of(due.action()), order.decisionId(), order.approver().map(operatorKeys::signerOf))
                        .whenComplete((outcomes, failure) -> {
                            try {
                                final DispatchOutcome outcome = failure == null ? outcomes.get(0)
                                        : new DispatchOutcome(order.machine(), DispatchOutcome.Status.FAILED,
                                                due.action().basedOnRevision(), String.valueOf(failure));
                                holds.ownWrites().answered(List.of(due.action()), List.of(outcome));
                                recorder.withdrawn(order.decisionId(), due.reason(), List.of(outcome));
                                workOrders.withdrawn(order, outcome);
                                LOG.info("maintenance request withdrawn: thing={} decision={} status={} reason=\"{}\"",
                                        order.machine(), order.decisionId(), outcome.status(), due.reason());
                                if (outcome.status() != DispatchOutcome.Status.WRITTEN) {
                                    changed(); // look again at what the twin shows now
                                }
                            } finally {
                                inFlight.decrementAndGet();
                            }
                        });
            } catch (final RuntimeException e) {
                inFlight.decrementAndGet();
                workOrders.withdrawn(order, new DispatchOutcome(order.machine(), DispatchOutcome.Status.FAILED,
                        due.action().basedOnRevision(), e.toString()));
                LOG.warn("maintenance request not withdrawn: thing={} decision={} error=\"{}\"", order.machine(),
                        order.decisionId(), e.toString());
            }
        }
    }

    /**
     * Whether a candidate overrides a person's value that is already in question: an open proposal (or one being
     * simulated) overrides the same hold, or a person rejected overriding it. One question per hold: the agents'
     * other values for the same property wait for that answer.
     */
    private boolean overrideWaits(final Candidate candidate, final List<ManualHold> held) {
        final List<ManualHold> overridden = ManualHolds.overriddenBy(candidate, held);
        if (overridden.isEmpty()) {
            return false;
        }
        final List<Proposal> open = proposals.all().stream().filter(p -> p.status() == Proposal.Status.OPEN)
                .toList();
        return overridden.stream().anyMatch(hold -> holds.overrideRejected(hold)
                || overridesSimulating.contains(hold.key())
                || open.stream().anyMatch(p -> p.decision().held().stream().anyMatch(hold::sameAs)));
    }

    /**
     * An open proposal to override a person's value that no longer holds (the hold expired, the person deleted the
     * value or wrote another) is withdrawn: the question it asks is not the one now. The next decision judges the
     * plant afresh (a routine change is then dispatched, a renewed hold asked about again). Logged as a
     * {@code withdrawal} entry with the reason and no writes.
     */
    private void withdrawEndedOverrides(final List<ManualHold> held) {
        for (final Proposal proposal : proposals.all()) {
            if (proposal.status() != Proposal.Status.OPEN || proposal.decision().held().isEmpty()) {
                continue;
            }
            final List<ManualHold> ended = proposal.decision().held().stream()
                    .filter(hold -> held.stream().noneMatch(hold::sameAs)).toList();
            if (ended.isEmpty()) {
                continue;
            }
            final String reason = "the person's setting it would override no longer holds: " + ended.stream()
                    .map(h -> h.thingId() + " " + h.path() + " = " + h.value() + " (held by " + h.writer()
                            + " until " + h.until() + ")").toList()
                    + "; decided again as the twins are now";
            proposals.withdraw(proposal.id(), clock.instant(), reason).ifPresent(withdrawn -> {
                recorder.withdrawn(proposal.id(), reason, List.of());
                LOG.info("proposal withdrawn: id={} reason=\"{}\"", proposal.id(), reason);
            });
        }
    }

    private void propose(final Decision decision) {
        final Proposal open = proposals.add(decision);
        if (!open.id().equals(decision.id())) {
            LOG.debug("the same actions are proposed again: decision={} openProposal={} times={}",
                    decision.id(), open.id(), open.timesProposed());
        }
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
        return proposals.all().stream().filter(p -> p.status() == Proposal.Status.OPEN).map(Proposal::decision)
                .toList();
    }

    /** Every proposal kept, open and decided, with its state (the approvals API reads them here). */
    public ProposalStore proposalStore() {
        return proposals;
    }

    /**
     * An operator approves a waiting proposal. It is not written blindly: the twins moved on while it waited, so its
     * actions are judged again on the projection as it is now ({@link Orchestrator#recheck}) and written, If-Match,
     * with the current revisions only if still feasible and better than no change. The log gets an {@code approval}
     * entry (approver, time, re-check), then a {@code dispatch} entry with the twins' answers. A conflicting write
     * (the twin moved on once more) is re-checked and retried up to {@value #APPROVED_ATTEMPTS} times. The writes carry
     * the approver's approval signature for the twin's guard, made with their key in {@link #operatorKeys()}.
     *
     * @return the proposal once dispatched (or found no longer worth it)
     * @throws ProposalException unknown or already decided (synchronously, before anything is recorded)
     */
    public CompletableFuture<Proposal> approve(final String proposalId, final String approver) {
        final Instant at = clock.instant();
        final Proposal approved = proposals.approve(proposalId, approver, at);
        LOG.info("proposal approved: id={} approver={} chosen=\"{}\"", proposalId, approver,
                approved.decision().chosen().candidate().summary());
        inFlight.incrementAndGet();
        try {
            return dispatchApproved(approved, approver, at, 1)
                    .whenComplete((done, failure) -> inFlight.decrementAndGet());
        } catch (final RuntimeException e) {
            inFlight.decrementAndGet();
            return CompletableFuture.completedFuture(proposals.completed(proposalId, List.of(),
                    "re-check failed: " + e));
        }
    }

    private CompletableFuture<Proposal> dispatchApproved(final Proposal proposal, final String approver,
            final Instant at, final int attempt) {
        final String id = proposal.id();
        final Recheck recheck = stillHeldAsProposed(proposal.decision(),
                orchestrator.recheck(projection.snapshot(), proposal.decision().chosen().candidate()));
        if (attempt == 1) {
            recorder.approved(id, approver, at, recheck);
        } else {
            recorder.rechecked(id, recheck);
        }
        if (!recheck.worthDispatching()) {
            LOG.info("approved proposal not dispatched: id={} problems={}", id, recheck.problems());
            return CompletableFuture.completedFuture(proposals.completed(id, List.of(),
                    String.join("; ", recheck.problems())));
        }
        holds.ownWrites().writing(recheck.rebased().actions());
        return writer.write(recheck.rebased().actions(), id, Optional.of(operatorKeys.signerOf(approver)))
                .thenCompose(outcomes -> {
            holds.ownWrites().answered(recheck.rebased().actions(), outcomes);
            recorder.dispatched(id, outcomes);
            counters.dispatched(outcomes, 0);
            final boolean conflict = outcomes.stream().anyMatch(o -> o.status() == DispatchOutcome.Status.CONFLICT);
            if (conflict && attempt < APPROVED_ATTEMPTS) {
                // the twin moved on between re-check and write: once its event is in the projection, judge again
                return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(200, java.util.concurrent.TimeUnit.MILLISECONDS))
                        .thenCompose(ignored -> dispatchApproved(proposal, approver, at, attempt + 1));
            }
            workOrders.written(recheck.rebased().actions(), outcomes, id, Optional.of(approver));
            final Proposal done = proposals.completed(id, outcomes, null);
            if (done.status() == Proposal.Status.DISPATCHED) {
                // observed from now on; compared with the prediction the person approved
                track(proposal.decision(), proposal.decision().prediction(), true);
            }
            LOG.info("approved proposal dispatched: id={} status={} outcomes={}", id, done.status(), outcomes);
            return CompletableFuture.completedFuture(done);
        });
    }

    /**
     * An approved override is written only over the person's setting it was proposed against: a person who wrote
     * the property again since (another value, or the same again) made a newer decision, which the approval did not
     * see.
     */
    private Recheck stillHeldAsProposed(final Decision decision, final Recheck recheck) {
        if (decision.held().isEmpty()) {
            return recheck;
        }
        final List<ManualHold> now = holds.inForce(projection.desiredOrigins(), clock.instant());
        final List<String> problems = new java.util.ArrayList<>(recheck.problems());
        for (final ManualHold proposed : decision.held()) {
            now.stream().filter(h -> h.key().equals(proposed.key()) && !h.sameAs(proposed)).findFirst()
                    .ifPresent(newer -> problems.add("a person set it again since the proposal: " + newer.describe()));
        }
        return problems.size() == recheck.problems().size() ? recheck
                : new Recheck(recheck.rebased(), recheck.evaluation(), recheck.noChange(), problems);
    }

    /**
     * An operator rejects a waiting proposal: nothing is written, a {@code rejection} entry (approver, time, reason)
     * is recorded. A rejected override of a person's setting is not proposed again while that setting holds.
     *
     * @throws ProposalException unknown or already decided
     */
    public Proposal reject(final String proposalId, final String approver, final String reason) {
        final Instant at = clock.instant();
        final Proposal rejected = proposals.reject(proposalId, approver, at, reason);
        recorder.rejected(proposalId, approver, at, reason);
        holds.rejected(rejected.decision().held());
        LOG.info("proposal rejected: id={} approver={} reason=\"{}\"", proposalId, approver, reason);
        return rejected;
    }

    /** The operators' approval keys the service signs approved writes with (a demo simplification, see there). */
    public OperatorKeys operatorKeys() {
        return operatorKeys;
    }

    /**
     * Whether the service has nothing under way: no twin change waiting for a decision, no decision (or its writes)
     * or approved proposal being dispatched, no proposal being simulated before it is shown. A harness that steps a
     * simulated plant waits for this (and for the twins to show the step) before stepping again; with live twins it
     * is only a moment's truth. With decisions on request a change leaves it false until {@link #decideNow()} took
     * the decision.
     */
    public boolean settled() {
        return pendingSince.get() == 0 && inFlight.get() == 0 && simulating.isEmpty() && !requested.get();
    }

    public OptimizerStatistics statistics() {
        return counters.snapshot(projection.size(), proposals.openCount());
    }

    /** Where the twins come from, at work (null until started). */
    public TwinFeed.Running feed() {
        return sync;
    }

    /** The persons' desired values that hold now. */
    public List<ManualHold> manualHolds() {
        return holds.inForce(projection.desiredOrigins(), clock.instant());
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
        whatIf.close();
        if (outcomes != null) {
            final List<String> abandoned = outcomes.abandon();
            if (!abandoned.isEmpty()) {
                LOG.warn("service stops before the horizon of {} observed decision(s) passed: no outcome recorded for"
                        + " {}", abandoned.size(), abandoned);
            }
        }
        system.terminate();
        scheduler.shutdownNow();
        log.close();
        LOG.info("optimizer stopped: {}", statistics());
    }
}
