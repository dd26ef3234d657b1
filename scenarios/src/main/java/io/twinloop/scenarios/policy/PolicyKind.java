package io.twinloop.scenarios.policy;

import io.twinloop.scenarios.scenario.PolicySettings;
import io.twinloop.scenarios.scenario.Scenario;
import java.util.Locale;

/** The policies a benchmark can run, by the name the command line uses. */
public enum PolicyKind {

    /** Calendar preventive maintenance at a fixed interval, fixed speeds, FIFO, no price awareness. */
    BASELINE,
    /** The same, but maintenance when a machine's smoothed vibration exceeds its kind's threshold. */
    THRESHOLD,
    /**
     * TwinLoop's agents through the real stack (embedded twin server, OPC UA connector, optimizer service): not an
     * observation {@link Policy}; the runner starts the stack ({@code run.StackRunner}).
     */
    TWINLOOP;

    /** Whether runs of this policy go through the stack rather than a {@link Policy} on the plant engine. */
    public boolean throughStack() {
        return this == TWINLOOP;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PolicyKind named(final String name) {
        for (final PolicyKind kind : values()) {
            if (kind.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown policy '" + name + "'; expected baseline, threshold or twinloop");
    }

    /**
     * A new policy for one run of {@code scenario}.
     *
     * @throws UnsupportedOperationException for {@link #TWINLOOP}, which is no observation policy (its agents
     *         see the twins, not an {@link Observation}); run it with {@code BenchRunner.run(scenario, kind, ...)}
     */
    public Policy create(final Scenario scenario) {
        final PolicySettings settings = scenario.policies();
        return switch (this) {
            case BASELINE -> new FixedSpeedPolicy(cliName(), settings.speedPercent(),
                    new CalendarTrigger(settings.maintenanceInterval()));
            case THRESHOLD -> new FixedSpeedPolicy(cliName(), settings.speedPercent(),
                    new VibrationTrigger(settings.vibrationThresholds(), settings.vibrationSmoothing()));
            case TWINLOOP -> throw new UnsupportedOperationException("the twinloop policy is no observation policy: "
                    + "it runs TwinLoop's agents through the real stack (embedded twin server, OPC UA connector, "
                    + "optimizer); run it with BenchRunner.run(scenario, PolicyKind.TWINLOOP, seed, days)");
        };
    }
}
