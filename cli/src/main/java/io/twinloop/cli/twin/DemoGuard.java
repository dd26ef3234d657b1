package io.twinloop.cli.twin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import io.twinloop.audit.AgentKey;
import io.twinloop.ditto.guard.GuardConfig;
import io.twinloop.optimizer.approval.OperatorKeys;
import io.twinloop.optimizer.service.OptimizerConfig;

/**
 * The demo twin server's desired-write guard (module ditto-extension), set up as a TwinLoop deployment sets up
 * Ditto's things service: the optimizer's twin user ({@code nginx:optimizer}) is agent {@code optimizer}, whose
 * decision-log key (in {@code <data>/optimizer/keys}) signs its desired writes; the operators' approval keys (in
 * {@code keys/operators}, held by the optimizer service for the demo: {@link OperatorKeys}) are the approvers; the
 * properties the optimizer counts as irreversible ({@code MaintenanceRequest}, {@code Mode}) are high impact; anyone
 * else, such as the demo user setting a speed by hand, is left to the policies ({@code other-subjects} default). Keys are made here if missing,
 * because the guard reads them at start. Every other {@code twinloop.guard} key keeps what things-extension.conf
 * and its {@code TWINLOOP_GUARD_*} variables say (e.g. {@code TWINLOOP_GUARD_ENABLED=false} turns it off).
 */
final class DemoGuard {

    private DemoGuard() {
    }

    static GuardConfig of(final OptimizerConfig optimizer, final List<String> operators) {
        AgentKey.loadOrCreate(optimizer.keyDirectory(), optimizer.agentName());
        final OperatorKeys operatorKeys = OperatorKeys.besideAgentKeys(optimizer.keyDirectory()).ensure(operators);
        final Map<String, Object> demo = new LinkedHashMap<>();
        demo.put("agent-subjects", optimizer.agentName() + "=nginx:" + DemoCommand.OPTIMIZER_USER);
        demo.put("agent-keys-directory", optimizer.keyDirectory().toAbsolutePath().toString());
        demo.put("approver-keys-directory", operatorKeys.directory().toAbsolutePath().toString());
        demo.put("high-impact-paths", optimizer.impact().irreversibleProperties().stream().sorted()
                .map(property -> "/features/*/desiredProperties/" + property).collect(Collectors.joining(",")));
        return GuardConfig.fromConfig(ConfigFactory.parseMap(demo).withFallback(classPathBlock()));
    }

    /** The {@code twinloop.guard} block as Ditto's things service reads it (defaults and environment). */
    private static Config classPathBlock() {
        return ConfigFactory.parseResources(GuardConfig.class.getClassLoader(), "things-extension.conf")
                .getConfig(GuardConfig.CONFIG_PATH).resolve();
    }
}
