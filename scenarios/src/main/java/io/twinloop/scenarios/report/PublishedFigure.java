package io.twinloop.scenarios.report;

/**
 * The published case's improvements over its baseline (a digital-twin optimization framework in an automotive
 * parts plant, issue 6): the margins TwinLoop is measured against.
 */
public enum PublishedFigure {

    ENERGY_PER_UNIT(Metric.ENERGY_PER_GOOD_UNIT, -28, "28 % lower energy per good unit"),
    UNPLANNED_DOWNTIME(Metric.UNPLANNED_DOWNTIME, -35, "35 % less unplanned downtime"),
    THROUGHPUT(Metric.THROUGHPUT, 21, "21 % more throughput");

    private final Metric metric;
    private final double changePercent;
    private final String claim;

    PublishedFigure(final Metric metric, final double changePercent, final String claim) {
        this.metric = metric;
        this.changePercent = changePercent;
        this.claim = claim;
    }

    public Metric metric() {
        return metric;
    }

    /** Signed: negative for a reduction. */
    public double changePercent() {
        return changePercent;
    }

    public String claim() {
        return claim;
    }

    /** Whether a measured signed change is at least the published one, in the published direction. */
    public boolean reachedBy(final double measuredChangePercent) {
        return changePercent < 0 ? measuredChangePercent <= changePercent : measuredChangePercent >= changePercent;
    }
}
