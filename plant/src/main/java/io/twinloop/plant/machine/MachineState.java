package io.twinloop.plant.machine;

/** What a machine is doing; exposed as its {@code State} variable. */
public enum MachineState {
    /** Powered down. */
    OFF,
    /** Powered, not producing: by request, or for want of work. */
    STANDBY,
    /** Producing parts. */
    RUNNING,
    /** Finished a job that the next machine has no room for. */
    BLOCKED,
    /** Broken down; only maintenance brings it back. */
    FAILED,
    /** Being serviced (preventive, or repair after a failure). */
    MAINTENANCE
}
