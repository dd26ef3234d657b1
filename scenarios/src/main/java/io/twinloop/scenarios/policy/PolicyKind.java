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
    /** TwinLoop's agents through the real stack: the next slice of issue 6, not built yet. */
    TWINLOOP;

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
     * @throws UnsupportedOperationException for {@link #TWINLOOP}, which is not built yet (rather than quietly
     *         running something else under its name)
     */
    public Policy create(final Scenario scenario) {
        final PolicySettings settings = scenario.policies();
        return switch (this) {
            case BASELINE -> new FixedSpeedPolicy(cliName(), settings.speedPercent(),
                    new CalendarTrigger(settings.maintenanceInterval()));
            case THRESHOLD -> new FixedSpeedPolicy(cliName(), settings.speedPercent(),
                    new VibrationTrigger(settings.vibrationThresholds(), settings.vibrationSmoothing()));
            case TWINLOOP -> throw new UnsupportedOperationException("the twinloop policy is not built yet: it runs "
                    + "TwinLoop's agents through the real stack (embedded twin server, OPC UA connector, optimizer), "
                    + "the next slice of issue 6. Use --policy baseline or --policy threshold");
        };
    }
}
