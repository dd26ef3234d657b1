package io.twinloop.connectors.hono.provisioning;

import java.util.Locale;

/** What provisioning did, or would do, to one resource in the registry (a tenant, a registration, credentials). */
public enum Change {
    /** It was not there and has been created. */
    CREATED,
    /** It was there but differed from the AAS, and has been brought in line. */
    UPDATED,
    /** The device's hashed-password secret has been replaced by a new one ({@code --rotate-secrets}). */
    ROTATED,
    /** It was there as the AAS says; nothing was sent. */
    KEPT,
    /** The registry refused it or could not be reached; the outcome says why. */
    FAILED,
    /** Not tried, because something it depends on failed. */
    NOT_ATTEMPTED;

    /** {@code created}, {@code not attempted}, ... as printed. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
