package io.twinloop.plant.machine;

import java.util.SplittableRandom;

/**
 * The hidden truth behind a machine's {@link QualityReading}: the tool in use, its wear and setup error. A part's
 * deviation is {@code setupError + wear × partsOnTool + offset + noise}. Draws from its own random stream, so the
 * machine's other draws (failures, signals) are the same with or without it.
 */
final class DimensionProcess {

    private final QualityProfile profile;
    private final SplittableRandom random;
    private double setupErrorUm;
    private int partsOnTool;
    private int toolLife;
    private double offsetUm;
    private double lastDeviationUm;
    private long scrapped;

    DimensionProcess(final QualityProfile profile, final SplittableRandom random) {
        this.profile = profile;
        this.random = random;
        newTool();
    }

    private void newTool() {
        partsOnTool = 0;
        toolLife = profile.toolLifeParts() + (profile.toolLifeSpreadParts() == 0 ? 0
                : random.nextInt(-profile.toolLifeSpreadParts(), profile.toolLifeSpreadParts() + 1));
        setupErrorUm = profile.setupErrorUm() * Gaussian.next(random);
    }

    /** Measures the part just machined; false when it is beyond the tolerance (scrap). */
    boolean measure() {
        if (partsOnTool >= toolLife) {
            newTool();
        }
        partsOnTool++;
        lastDeviationUm = setupErrorUm + profile.wearUmPerPart() * partsOnTool + offsetUm
                + profile.noiseUm() * Gaussian.next(random);
        if (Math.abs(lastDeviationUm) > profile.toleranceUm()) {
            scrapped++;
            return false;
        }
        return true;
    }

    QualityProfile profile() {
        return profile;
    }

    void offset(final double micrometres) {
        this.offsetUm = micrometres;
    }

    QualityReading reading() {
        return new QualityReading(lastDeviationUm, offsetUm, profile.toleranceUm(), profile.offsetMinUm(),
                profile.offsetMaxUm(), scrapped);
    }
}
