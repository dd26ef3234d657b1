package io.twinloop.optimizer.maintenance;

/**
 * How well remaining-life predictions matched the truth, in the two figures the C-MAPSS literature reports: the
 * root-mean-square error in cycles, and the asymmetric PHM08 score
 * {@code s = Σ (exp(-d/13) - 1) for d < 0, (exp(d/10) - 1) for d >= 0}, {@code d = predicted - true}, which
 * punishes late predictions (too much life predicted) harder than early ones. The score is a sum, so it grows
 * with the number of units; the literature's figures are for the 100 test units of FD001.
 *
 * @param units how many predictions
 * @param rmse root-mean-square error in cycles
 * @param score PHM08 score (lower is better, 0 is perfect)
 */
public record RulAccuracy(int units, double rmse, double score) {

    public static RulAccuracy of(final double[] predicted, final double[] actual) {
        if (predicted.length != actual.length || predicted.length == 0) {
            throw new IllegalArgumentException("need as many predictions as true values, and at least one; got "
                    + predicted.length + " and " + actual.length);
        }
        double squares = 0;
        double score = 0;
        for (int i = 0; i < predicted.length; i++) {
            final double d = predicted[i] - actual[i];
            squares += d * d;
            score += phmScore(d);
        }
        return new RulAccuracy(predicted.length, Math.sqrt(squares / predicted.length), score);
    }

    /** The PHM08 score of one prediction that is {@code d} cycles off ({@code predicted - true}). */
    public static double phmScore(final double d) {
        return d < 0 ? Math.exp(-d / 13) - 1 : Math.exp(d / 10) - 1;
    }
}
