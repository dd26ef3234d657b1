package io.twinloop.scenarios.policy;

import io.twinloop.plant.machine.Command;
import java.util.Objects;

/**
 * One action a policy takes.
 *
 * @param needsApproval whether it would wait for a person's approval (above the impact threshold); the headless
 *         runner counts such actions and does not apply them. The baselines never need approval
 * @param reason why, for logs and traces
 */
public record Decision(Command command, boolean needsApproval, String reason) {

    public Decision {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(reason, "reason");
    }

    public static Decision automatic(final Command command, final String reason) {
        return new Decision(command, false, reason);
    }
}
