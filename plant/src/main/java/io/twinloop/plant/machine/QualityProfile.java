package io.twinloop.plant.machine;

/**
 * How a machine's measured quality characteristic behaves: the deviation of a machined dimension from nominal, in
 * µm. The cutting tool wears a little with every part, so the dimension grows; a worn tool is changed after its life
 * and the new one sits at its own setup error (a step); a writable tool offset shifts every later part. Parts
 * beyond the tolerance are scrap. Orders of magnitude plausible for finish machining, not measurements.
 *
 * @param toleranceUm a part is good when its deviation is within ±tolerance
 * @param noiseUm standard deviation of a part's deviation around its mean (process and gauge together)
 * @param wearUmPerPart how much the dimension grows per part machined with the same tool
 * @param toolLifeParts a tool is changed after this many parts on average
 * @param toolLifeSpreadParts the life of each tool is uniform within toolLifeParts ± this
 * @param setupErrorUm standard deviation of a new tool's setup error (the step at a tool change)
 * @param offsetMinUm lowest tool offset accepted
 * @param offsetMaxUm highest tool offset accepted
 */
public record QualityProfile(double toleranceUm, double noiseUm, double wearUmPerPart, int toolLifeParts,
        int toolLifeSpreadParts, double setupErrorUm, double offsetMinUm, double offsetMaxUm) {

    public QualityProfile {
        if (!(toleranceUm > 0) || !(noiseUm > 0) || !(wearUmPerPart >= 0) || !(setupErrorUm >= 0)
                || !Double.isFinite(toleranceUm + noiseUm + wearUmPerPart + setupErrorUm)) {
            throw new IllegalArgumentException("quality profile needs tolerance > 0, noise > 0, wear >= 0 and setup"
                    + " error >= 0 (finite): " + this);
        }
        if (toolLifeParts < 1 || toolLifeSpreadParts < 0 || toolLifeSpreadParts >= toolLifeParts) {
            throw new IllegalArgumentException("quality profile needs tool life >= 1 part and 0 <= spread < life: "
                    + this);
        }
        if (!(offsetMinUm <= 0 && offsetMaxUm >= 0) || !Double.isFinite(offsetMinUm) || !Double.isFinite(offsetMaxUm)) {
            throw new IllegalArgumentException("quality profile needs finite offset bounds around 0: " + this);
        }
    }

    /**
     * A CNC's finish dimension: ±20 µm tolerance, 4 µm noise, 0.03 µm wear per part (14 µm over a tool's life of
     * 400–560 parts), 4 µm setup error per new tool, offset ±50 µm. Left alone, 0.3–5 % of the parts end as scrap
     * over two days, depending on the seed.
     */
    public static QualityProfile cncDefault() {
        return new QualityProfile(20, 4, 0.03, 480, 80, 4, -50, 50);
    }

    public boolean offsetAccepted(final double offsetUm) {
        return offsetUm >= offsetMinUm && offsetUm <= offsetMaxUm;
    }

    public QualityProfile withWear(final double umPerPart, final int lifeParts, final int spreadParts) {
        return new QualityProfile(toleranceUm, noiseUm, umPerPart, lifeParts, spreadParts, setupErrorUm, offsetMinUm,
                offsetMaxUm);
    }
}
