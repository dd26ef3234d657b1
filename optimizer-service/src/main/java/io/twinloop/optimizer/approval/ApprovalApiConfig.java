package io.twinloop.optimizer.approval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the approvals API listens and who may use it (documented in the module README). The API never runs without
 * authentication: at least one operator is required.
 *
 * @param host the interface to bind, e.g. {@code 127.0.0.1}
 * @param port the port, 0 for any free one
 * @param operators the people who may use it, by name
 */
public record ApprovalApiConfig(String host, int port, Map<String, Operator> operators) {

    public ApprovalApiConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("approvals API: host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("approvals API: port must be 0..65535, was " + port);
        }
        operators = Map.copyOf(operators);
        if (operators.isEmpty()) {
            throw new IllegalArgumentException("approvals API: at least one operator is required (it never runs "
                    + "without authentication)");
        }
    }

    /** On {@code 127.0.0.1:port} for these operators; two with the same name are refused. */
    public static ApprovalApiConfig of(final int port, final List<Operator> operators) {
        final Map<String, Operator> byName = new LinkedHashMap<>();
        for (final Operator operator : operators) {
            if (byName.put(operator.name(), operator) != null) {
                throw new IllegalArgumentException("approvals API: operator '" + operator.name()
                        + "' is configured twice");
            }
        }
        return new ApprovalApiConfig("127.0.0.1", port, byName);
    }

    public ApprovalApiConfig withHost(final String newHost) {
        return new ApprovalApiConfig(newHost, port, operators);
    }
}
