package io.twinloop.scenarios.policy;

import java.util.List;

/**
 * How a line is run: at every observation, the actions to take. A policy sees an {@link Observation} and nothing
 * else (never the simulator's hidden health or wear); it may keep state of its own between calls. One instance runs
 * one plant.
 */
public interface Policy {

    /** Names the policy in results ({@code baseline}, {@code threshold}). */
    String name();

    List<Decision> decide(Observation observation);
}
