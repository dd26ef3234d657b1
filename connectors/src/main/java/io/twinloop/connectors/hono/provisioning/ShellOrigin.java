package io.twinloop.connectors.hono.provisioning;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a device declaration came from: the AAS shell and the file (or twin) it is in. Every message about a device
 * names it, so that an operator can go straight to the AAS to fix it.
 *
 * @param source the AAS file, or the thing id for a shell read from a twin
 * @param shellId the shell's {@code id}
 * @param idShort the shell's {@code idShort} (empty if it has none)
 * @param globalAssetId the asset's {@code globalAssetId} (empty if it has none)
 */
public record ShellOrigin(String source, String shellId, String idShort, Optional<String> globalAssetId) {

    public ShellOrigin {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(shellId, "shellId");
        idShort = idShort == null ? "" : idShort;
        Objects.requireNonNull(globalAssetId, "globalAssetId");
    }

    /** {@code shell 'Press01' (urn:...) in plant.aas.json}. */
    public String describe() {
        return "shell " + (idShort.isEmpty() ? shellId : "'" + idShort + "' (" + shellId + ")") + " in " + source;
    }
}
