package io.twinloop.optimizer.approval;

import java.util.Objects;

/**
 * A person who may use the approvals API, by HTTP basic authentication.
 *
 * @param name the user name
 * @param password the password (from the environment or generated, never from the repository)
 * @param role what the person may do
 */
public record Operator(String name, String password, Role role) {

    /** {@link #OPERATOR}s decide proposals and change the goal; {@link #VIEWER}s only read. */
    public enum Role {
        OPERATOR,
        VIEWER
    }

    public Operator {
        if (name == null || name.isBlank() || name.contains(":")) {
            throw new IllegalArgumentException("operator name must be non-empty without ':', was '" + name + "'");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("operator '" + name + "' needs a password");
        }
        Objects.requireNonNull(role, "role");
    }

    public boolean mayDecide() {
        return role == Role.OPERATOR;
    }

    @Override
    public String toString() {
        return "Operator[" + name + ", " + role + "]"; // never the password
    }
}
