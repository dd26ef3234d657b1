package io.twinloop.cli.optimizer;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.twinloop.optimizer.approval.ApprovalApiConfig;
import io.twinloop.optimizer.approval.Operator;
import io.twinloop.optimizer.consumergroup.ConsumerGroupConfig;
import io.twinloop.optimizer.consumergroup.ConsumerGroupFeed;
import io.twinloop.optimizer.hold.HoldSettings;
import io.twinloop.optimizer.projection.TwinFeed;
import io.twinloop.optimizer.projection.TwinScope;
import io.twinloop.optimizer.service.OptimizerConfig;

/**
 * Everything {@code twinloop optimizer} is told, checked: the Ditto it works on and as whom, its folder, the twins
 * it follows and how their events arrive, its approvals API, prices and mode (cli README, "twinloop optimizer").
 *
 * @param ditto the Ditto (or twin server) base URL
 * @param user the Ditto user (HTTP basic), the policies' OPTIMIZER subject; empty: no authentication
 * @param password its password (never shown by {@link #toString()})
 * @param data the optimizer's folder: {@code decisions.jsonl}, {@code keys/optimizer.key} (the key the twins' guard
 *        trusts), {@code keys/operators/}
 * @param scope the namespaces (and RQL filter) followed
 * @param consumerGroup present: events from Kafka as one member of this group; empty: Ditto's WebSocket
 * @param prices day-ahead prices for the tariff-aware energy agent
 * @param approvalsHost interface of the approvals API
 * @param approvalsPort its port (0: any free one)
 * @param operators who may use it
 * @param recommendOnly record decisions, write nothing
 * @param statusInterval how often a status line is logged (zero: never)
 * @param startTimeout how long reading the twins (and joining the group) may take before the command gives up
 * @param holds how long a person's desired value holds against the agents, and the subjects the optimizer writes as
 */
public record OptimizerServiceSettings(URI ditto, Optional<String> user, Optional<String> password, Path data,
        TwinScope scope, Optional<ConsumerGroupConfig> consumerGroup, Optional<Path> prices, String approvalsHost,
        int approvalsPort, List<Operator> operators, boolean recommendOnly, Duration statusInterval,
        Duration startTimeout, HoldSettings holds) {

    public OptimizerServiceSettings {
        Objects.requireNonNull(ditto, "ditto");
        if (ditto.getScheme() == null || !List.of("http", "https").contains(ditto.getScheme())
                || ditto.getHost() == null) {
            throw new IllegalArgumentException("--ditto must be an http(s) URL with a host, was '" + ditto + "'");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isPresent() && password.filter(p -> !p.isEmpty()).isEmpty()) {
            throw new IllegalArgumentException("--user " + user.get() + " needs --password (or the environment "
                    + "variable DITTO_PASSWORD)");
        }
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(prices, "prices");
        if (approvalsHost == null || approvalsHost.isBlank()) {
            throw new IllegalArgumentException("--approvals-host must not be empty");
        }
        if (approvalsPort < 0 || approvalsPort > 65_535) {
            throw new IllegalArgumentException("--approvals-port must be 0-65535, was " + approvalsPort);
        }
        operators = List.copyOf(operators);
        if (operators.isEmpty()) {
            throw new IllegalArgumentException("the approvals API needs at least one --operator");
        }
        if (statusInterval.isNegative()) {
            throw new IllegalArgumentException("--status-interval must not be negative, was " + statusInterval);
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("--start-timeout must be positive, was " + startTimeout);
        }
        Objects.requireNonNull(holds, "holds");
    }

    /** The service's configuration: the demo's decisions ({@link OptimizerRuntime#config}) on this scope. */
    public OptimizerConfig optimizerConfig() {
        return OptimizerRuntime.config(data, recommendOnly).withScope(scope).withHolds(holds);
    }

    /** Kafka's consumer group when configured, else Ditto's WebSocket. */
    public TwinFeed feed() {
        return consumerGroup.<TwinFeed>map(ConsumerGroupFeed::new).orElseGet(TwinFeed::webSocket);
    }

    public ApprovalApiConfig approvals() {
        return ApprovalApiConfig.of(approvalsPort, operators).withHost(approvalsHost);
    }

    @Override
    public String toString() {
        return "ditto=" + ditto + user.map(u -> " user=" + u).orElse("") + " data=" + data + " scope=" + scope
                + " events=" + consumerGroup.map(g -> "kafka " + g).orElse("websocket")
                + prices.map(p -> " prices=" + p).orElse("") + " approvals=" + approvalsHost + ":" + approvalsPort
                + " operators=" + operators.stream().map(Operator::name).toList() + " recommendOnly=" + recommendOnly
                + " holdTime=" + holds.holdTime() + " agentSubjects=" + holds.agentSubjects();
    }
}
