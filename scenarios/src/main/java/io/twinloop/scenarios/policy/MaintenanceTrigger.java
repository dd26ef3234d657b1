package io.twinloop.scenarios.policy;

import java.time.Instant;

/** When a working machine gets preventive maintenance: the part in which the two baselines differ. */
interface MaintenanceTrigger {

    /** Sees every machine at every observation, before {@link #due} is asked. */
    void observe(MachineObservation machine, Instant now);

    boolean due(MachineObservation machine, Instant now);

    /** Describes the rule in a decision's reason. */
    String why(MachineObservation machine);
}
