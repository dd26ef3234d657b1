package io.twinloop.optimizer.decision;

/** How consequential an action is: routine ones are dispatched, high-impact ones wait for a person. */
public enum ImpactClass {
    NONE,
    ROUTINE,
    HIGH
}
