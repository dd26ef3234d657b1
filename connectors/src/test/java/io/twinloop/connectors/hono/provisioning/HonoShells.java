package io.twinloop.connectors.hono.provisioning;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.digitaltwin.aas4j.v3.model.AssetKind;
import org.eclipse.digitaltwin.aas4j.v3.model.Environment;
import org.eclipse.digitaltwin.aas4j.v3.model.SpecificAssetId;
import org.eclipse.digitaltwin.aas4j.v3.model.impl.DefaultAssetAdministrationShell;
import org.eclipse.digitaltwin.aas4j.v3.model.impl.DefaultAssetInformation;
import org.eclipse.digitaltwin.aas4j.v3.model.impl.DefaultEnvironment;
import org.eclipse.digitaltwin.aas4j.v3.model.impl.DefaultSpecificAssetId;

import io.twinloop.aas.environment.AasFormat;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.environment.EnvironmentWriter;
import io.twinloop.aas.environment.AasVersion;

/**
 * AAS test content for provisioning, built with eclipse-aas4j and written as real AAS JSON files, so that tests read
 * them the way the command does (through aas-mapping's {@link EnvironmentReader}).
 */
final class HonoShells {

    private final List<DefaultAssetAdministrationShell> shells = new ArrayList<>();

    static HonoShells environment() {
        return new HonoShells();
    }

    /**
     * A shell {@code urn:twinloop:test:<idShort>} whose asset has the given specificAssetIds, as name/value pairs.
     */
    HonoShells shell(final String idShort, final String... namesAndValues) {
        final List<SpecificAssetId> ids = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            ids.add(new DefaultSpecificAssetId.Builder().name(namesAndValues[i]).value(namesAndValues[i + 1]).build());
        }
        shells.add(new DefaultAssetAdministrationShell.Builder()
                .id("urn:twinloop:test:" + idShort)
                .idShort(idShort)
                .assetInformation(new DefaultAssetInformation.Builder()
                        .assetKind(AssetKind.INSTANCE)
                        .globalAssetId("urn:twinloop:test:asset:" + idShort)
                        .specificAssetIds(ids)
                        .build())
                .build());
        return this;
    }

    /** A shell that declares tenant and device (and auth-id when not null). */
    HonoShells device(final String idShort, final String tenantId, final String deviceId, final String authId) {
        return authId == null
                ? shell(idShort, "HonoTenantId", tenantId, "HonoDeviceId", deviceId, "serialNumber", "SN-" + idShort)
                : shell(idShort, "HonoTenantId", tenantId, "HonoDeviceId", deviceId, "HonoAuthId", authId);
    }

    Environment build() {
        return new DefaultEnvironment.Builder().assetAdministrationShells(new ArrayList<>(shells)).build();
    }

    /** Writes the environment as AAS JSON. */
    Path writeTo(final Path file) throws IOException {
        EnvironmentWriter.forVersion(AasVersion.V3_0).write(build(), List.of(), AasFormat.JSON, file);
        return file;
    }

    /** Writes and reads back, as the command does. */
    AasPackage read(final Path file) throws IOException {
        return EnvironmentReader.newInstance().read(writeTo(file));
    }
}
