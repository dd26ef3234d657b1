package io.twinloop.plant.machine;

import java.time.Duration;

/**
 * The kinds of machine on a line. The figures are plausible orders of magnitude for a small machining line (not
 * measurements of any real machine); only the shape of degradation is fitted to data. The warm-up after
 * {@code OFF}/{@code STANDBY} ({@link RestartProfile}) is reasoned in the plant README, <i>Restart</i>.
 */
public enum MachineKind {

    CNC_MACHINING(new MachineProfile(Duration.ofSeconds(90), new SpeedRange(50, 130),
            new EnergyProfile(3, 15, 1.6, 4, 0.5, 1),
            new SignatureProfile(2.5, 0.15, 25, 30, Duration.ofMinutes(20), 0.4, 0.3),
            new WearProfile(600, 2, Duration.ofHours(2), Duration.ofHours(8)),
            new RestartProfile(Duration.ofMinutes(20), Duration.ofMinutes(5), 8))),

    PRESS(new MachineProfile(Duration.ofSeconds(12), new SpeedRange(60, 120),
            new EnergyProfile(5, 45, 1.8, 6, 0.5, 1),
            new SignatureProfile(4.0, 0.25, 25, 25, Duration.ofMinutes(30), 0.5, 0.8),
            new WearProfile(900, 2.5, Duration.ofHours(3), Duration.ofHours(12)),
            new RestartProfile(Duration.ofMinutes(5), Duration.ofMinutes(1), 35))),

    ROBOT_CELL(new MachineProfile(Duration.ofSeconds(40), new SpeedRange(50, 140),
            new EnergyProfile(1.5, 6, 1.4, 2, 0.3, 0.5),
            new SignatureProfile(1.2, 0.08, 25, 15, Duration.ofMinutes(15), 0.3, 0.15),
            new WearProfile(1500, 1.5, Duration.ofHours(1), Duration.ofHours(4)),
            new RestartProfile(Duration.ofMinutes(3), Duration.ofSeconds(30), 3))),

    CONVEYOR(new MachineProfile(Duration.ofSeconds(8), new SpeedRange(40, 150),
            new EnergyProfile(0.4, 2.2, 1.2, 0.6, 0.1, 0.2),
            new SignatureProfile(0.8, 0.05, 25, 10, Duration.ofMinutes(10), 0.2, 0.05),
            new WearProfile(2500, 1.2, Duration.ofMinutes(30), Duration.ofHours(2)),
            new RestartProfile(Duration.ofMinutes(1), Duration.ZERO, 1)));

    private final MachineProfile profile;

    MachineKind(final MachineProfile profile) {
        this.profile = profile;
    }

    public MachineProfile profile() {
        return profile;
    }
}
