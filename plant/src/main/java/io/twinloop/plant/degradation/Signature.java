package io.twinloop.plant.degradation;

/**
 * The condition signatures a machine shows, each shaped on one C-MAPSS FD001 sensor. C-MAPSS has no vibration or
 * motor current channel: what transfers is the shape of the drift (onset, curvature, signal-to-noise at failure),
 * not the physics. The sensor choice is explained in the module README.
 */
public enum Signature {
    /** Shaped on sensor 11, Ps30 (HPC outlet static pressure): the compressor fault's most monotone pressure. */
    VIBRATION(11, 1),
    /** Shaped on sensor 4, T50 (LPT outlet temperature): the data set's own temperature drift. */
    TEMPERATURE(4, 1),
    /** Shaped on sensor 12, phi (fuel flow per Ps30): the effort per unit of output, sign turned to rising. */
    CURRENT(12, -1);

    private final int cmapssSensor;
    private final int direction;

    Signature(final int cmapssSensor, final int direction) {
        this.cmapssSensor = cmapssSensor;
        this.direction = direction;
    }

    /** +1 when the machine signature rises as the sensor does, -1 when the sensor falls as wear grows. */
    public int direction() {
        return direction;
    }

    /** The C-MAPSS sensor number (1..21) this signature's drift is fitted on. */
    public int cmapssSensor() {
        return cmapssSensor;
    }

    String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
