package io.twinloop.optimizer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

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

import com.typesafe.config.ConfigFactory;

import io.twinloop.audit.AgentKey;
import io.twinloop.ditto.guard.GuardConfig;
import io.twinloop.optimizer.approval.OperatorKeys;
import io.twinloop.optimizer.decision.ImpactPolicy;
import io.twinloop.optimizer.goal.Bound;
import io.twinloop.optimizer.goal.GoalLayer;
import io.twinloop.optimizer.goal.Weights;
import io.twinloop.optimizer.projection.TwinScope;
import io.twinloop.optimizer.service.OptimizerConfig;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * A two-machine line on the embedded twin server for the optimizer's tests: the owner {@code ditto} may do all,
 * the {@code optimizer} user reads and writes only the machines' desired operational values (the least privilege
 * the import's policy gives it). Press01 draws 20 kW, CNC01 10 kW, both running at 100 %.
 */
public final class TwinLine implements AutoCloseable {

    public static final ThingId PRESS = ThingId.of("line:Press01");
    public static final ThingId CNC = ThingId.of("line:CNC01");

    private final TwinServer twins;
    private final DittoClient owner;
    private final DittoClient optimizer;

    private TwinLine(final TwinServer twins, final DittoClient owner, final DittoClient optimizer) {
        this.twins = twins;
        this.owner = owner;
        this.optimizer = optimizer;
    }

    /**
     * The optimizer's configuration for this line's namespace: the defaults in {@code folder}, a goal of weights
     * (1, 0.2, 50) with the Speed bound 50..130 over {@code horizon}, and 50 ms between decisions.
     */
    public static OptimizerConfig optimizerConfig(final Path folder, final Duration horizon) {
        final OptimizerConfig defaults = OptimizerConfig.defaults(folder);
        return new OptimizerConfig(new TwinScope(List.of("line"), Optional.empty()),
                new GoalLayer(new Weights(1, 0.2, 50), 0, Map.of("Speed", new Bound(50, 130)), horizon),
                ImpactPolicy.defaults(), false, 1.0, Duration.ofMillis(50), defaults.ackTimeout(),
                defaults.decisionLog(), defaults.keyDirectory(), defaults.agentName());
    }

    public static TwinLine start(final Path folder) throws Exception {
        return start(TwinServerConfig.of(folder));
    }

    /**
     * The line on a twin server whose desired-write guard (module ditto-extension) treats {@code nginx:optimizer} as
     * agent {@code optimizer}: its desired writes must be signed by the key in {@code optimizerKeyDirectory} (created
     * here if missing, as the service would), high-impact ones at {@code highImpactPaths} also approved by one of
     * {@code operators}, whose keys are made in the service's operator key folder before the guard reads them.
     */
    public static TwinLine startGuarded(final Path folder, final Path optimizerKeyDirectory,
            final List<String> operators, final String highImpactPaths) throws Exception {
        AgentKey.loadOrCreate(optimizerKeyDirectory, "optimizer");
        final OperatorKeys operatorKeys = OperatorKeys.besideAgentKeys(optimizerKeyDirectory).ensure(operators);
        final GuardConfig guard = GuardConfig.fromConfig(ConfigFactory.parseMap(Map.of(
                "agent-subjects", "optimizer=nginx:optimizer",
                "agent-keys-directory", optimizerKeyDirectory.toString(),
                "approver-keys-directory", operatorKeys.directory().toString(),
                "high-impact-paths", highImpactPaths)));
        return start(TwinServerConfig.of(folder).withGuard(guard));
    }

    private static TwinLine start(final TwinServerConfig config) throws Exception {
        final TwinServer twins = TwinServer.start(config.withUser("ditto", "ditto")
                .withUser("optimizer", "optimizer")).get(60, TimeUnit.SECONDS);
        final TwinLine line = new TwinLine(twins,
                DittoClient.builder(twins.httpUri()).basicAuth("ditto", "ditto").build(),
                DittoClient.builder(twins.httpUri()).basicAuth("optimizer", "optimizer").build());
        line.owner.putPolicy(policy(), RequestOptions.none()).join();
        line.putMachine(PRESS, 20.0);
        line.putMachine(CNC, 10.0);
        return line;
    }

    private static Policy policy() {
        return Policy.newBuilder(PolicyId.of("line:machines"))
                .forLabel("OWNER").setSubject(subject("nginx:ditto"))
                .setGrantedPermissions(PoliciesResourceType.thingResource("/"), "READ", "WRITE")
                .setGrantedPermissions(PoliciesResourceType.policyResource("/"), "READ", "WRITE")
                .forLabel("OPTIMIZER").setSubject(subject("nginx:optimizer"))
                .setGrantedPermissions(PoliciesResourceType.thingResource("/"), "READ")
                .setGrantedPermissions(PoliciesResourceType.thingResource("/features/OperationalData/desiredProperties"),
                        "WRITE")
                .build();
    }

    private static Subject subject(final String id) {
        return Subject.newInstance(SubjectId.newInstance(id), SubjectType.newInstance("test"));
    }

    private void putMachine(final ThingId id, final double powerKw) {
        owner.putThing(ThingsModelFactory.newThing(JsonObject.of("{\"thingId\":\"" + id + "\",\"policyId\":"
                + "\"line:machines\",\"features\":{\"OperationalData\":{\"properties\":{\"State\":\"RUNNING\","
                + "\"Speed\":100.0,\"PowerDraw\":" + powerKw + ",\"HealthIndex\":0.95}}}}")), RequestOptions.none())
                .join();
    }

    public TwinServer twins() {
        return twins;
    }

    /** The twins' owner. */
    /** The thing's desired value of an {@code OperationalData} property, as the twin server holds it now. */
    public static Optional<JsonValue> desiredOperationalValue(final DittoClient client, final ThingId thing,
            final String property) {
        return client.retrieveThing(thing).join().getFeatures().flatMap(f -> f.getFeature("OperationalData"))
                .flatMap(f -> f.getDesiredProperty(JsonPointer.of(property)));
    }

    public DittoClient owner() {
        return owner;
    }

    /** The optimizer's least-privilege client. */
    public DittoClient optimizer() {
        return optimizer;
    }

    /** The desired speed the twin holds for a machine, read by the owner. */
    public Optional<Double> desiredSpeed(final ThingId id) {
        return owner.retrieveThing(id).join().getFeatures().flatMap(f -> f.getFeature("OperationalData"))
                .flatMap(f -> f.getDesiredProperty(JsonPointer.of("Speed"))).filter(JsonValue::isNumber)
                .map(JsonValue::asDouble);
    }

    /** Waits for a condition (generously; never a timing assertion). */
    public static void await(final String what, final BooleanSupplier condition) throws InterruptedException {
        await(what, java.time.Duration.ofSeconds(60), condition);
    }

    /** As {@link #await(String, BooleanSupplier)} with another limit. */
    public static void await(final String what, final java.time.Duration limit, final BooleanSupplier condition)
            throws InterruptedException {
        final Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        optimizer.close();
        owner.close();
        twins.close();
    }
}
