package io.twinloop.plant.machine;

/**
 * What a machine with a measured quality characteristic shows of it: the last part's deviation, the offset and its
 * bounds, the tolerance and the scrap count. The tool's wear and setup error stay hidden, as on a real machine.
 *
 * @param dimensionDeviationUm deviation of the last part measured from the nominal dimension, µm (0 before the first)
 * @param toolOffsetUm the tool offset applied to every part, µm
 * @param partsScrapped parts measured beyond the tolerance since start (each was made again)
 */
public record QualityReading(double dimensionDeviationUm, double toolOffsetUm, double toleranceUm,
        double offsetMinUm, double offsetMaxUm, long partsScrapped) {
}
