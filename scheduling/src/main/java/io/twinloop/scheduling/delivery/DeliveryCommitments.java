package io.twinloop.scheduling.delivery;

import java.util.Arrays;

import io.twinloop.scheduling.jobshop.JobShop;

/**
 * What was promised per job: a due date (same time unit as the durations, from the schedule's time 0) and a weight
 * (how much one unit of lateness of that order costs, e.g. its priority). Immutable.
 */
public final class DeliveryCommitments {

    private final int[] dueDates;
    private final int[] weights;

    private DeliveryCommitments(final int[] dueDates, final int[] weights) {
        this.dueDates = dueDates;
        this.weights = weights;
    }

    /**
     * @throws IllegalArgumentException when the arrays do not have one entry per job, or a weight is negative
     */
    public static DeliveryCommitments of(final JobShop shop, final int[] dueDates, final int[] weights) {
        if (dueDates.length != shop.jobCount() || weights.length != shop.jobCount()) {
            throw new IllegalArgumentException(shop.name() + " has " + shop.jobCount() + " jobs, got " + dueDates.length
                    + " due dates and " + weights.length + " weights");
        }
        for (int j = 0; j < weights.length; j++) {
            if (weights[j] < 0) {
                throw new IllegalArgumentException(shop.name() + ": job " + j + " has a negative weight " + weights[j]);
            }
        }
        return new DeliveryCommitments(dueDates.clone(), weights.clone());
    }

    /** Every job due at {@code dueDates[j]}, all weighing 1. */
    public static DeliveryCommitments unweighted(final JobShop shop, final int[] dueDates) {
        final int[] ones = new int[dueDates.length];
        Arrays.fill(ones, 1);
        return of(shop, dueDates, ones);
    }

    public int jobCount() {
        return dueDates.length;
    }

    public int dueDate(final int job) {
        return dueDates[job];
    }

    public int weight(final int job) {
        return weights[job];
    }

    /** The same commitments with job {@code job}'s weight changed (an order changed priority). */
    public DeliveryCommitments withWeight(final int job, final int weight) {
        if (weight < 0) {
            throw new IllegalArgumentException("job " + job + ": negative weight " + weight);
        }
        final int[] changed = weights.clone();
        changed[job] = weight;
        return new DeliveryCommitments(dueDates, changed);
    }
}
