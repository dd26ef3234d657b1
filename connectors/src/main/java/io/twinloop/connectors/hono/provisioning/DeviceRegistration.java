package io.twinloop.connectors.hono.provisioning;

import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The part of a device's registration that the AAS owns: the link back to the asset, in the registration's
 * {@code ext} (Hono's place for application properties), so that whoever looks at the device in Hono finds its
 * shell. Everything else in an existing registration ({@code enabled}, {@code defaults}, {@code via}, other
 * {@code ext} entries) belongs to the operator and is kept: a device an operator disabled stays disabled.
 */
public final class DeviceRegistration {

    /** {@code ext} key for the AAS shell id. */
    public static final String EXT_SHELL_ID = "aas-shell-id";
    /** {@code ext} key for the asset's globalAssetId. */
    public static final String EXT_GLOBAL_ASSET_ID = "aas-global-asset-id";

    private DeviceRegistration() {
    }

    /** The registration a new device is created with: enabled, and the AAS link. */
    public static ObjectNode forNewDevice(final DeviceDeclaration device) {
        final ObjectNode registration = JsonNodeFactory.instance.objectNode();
        registration.put("enabled", true);
        registration.set("ext", link(device, JsonNodeFactory.instance.objectNode()));
        return registration;
    }

    /**
     * The registration to write if the existing one lacks or contradicts the AAS link; empty if it agrees. The
     * read-only {@code status} that Hono returns is left out of what is written.
     */
    public static Optional<ObjectNode> updateOf(final DeviceDeclaration device, final JsonNode existing) {
        final JsonNode ext = existing.path("ext");
        final String shellId = ext.path(EXT_SHELL_ID).isTextual() ? ext.path(EXT_SHELL_ID).asText() : null;
        final String globalAssetId = ext.path(EXT_GLOBAL_ASSET_ID).isTextual()
                ? ext.path(EXT_GLOBAL_ASSET_ID).asText() : null;
        if (Objects.equals(shellId, device.origin().shellId())
                && Objects.equals(globalAssetId, device.origin().globalAssetId().orElse(null))) {
            return Optional.empty();
        }
        final ObjectNode updated = existing.isObject() ? ((ObjectNode) existing).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        updated.remove("status");
        final ObjectNode newExt = ext.isObject() ? ((ObjectNode) ext).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        updated.set("ext", link(device, newExt));
        return Optional.of(updated);
    }

    private static ObjectNode link(final DeviceDeclaration device, final ObjectNode ext) {
        ext.put(EXT_SHELL_ID, device.origin().shellId());
        device.origin().globalAssetId().ifPresentOrElse(id -> ext.put(EXT_GLOBAL_ASSET_ID, id),
                () -> ext.remove(EXT_GLOBAL_ASSET_ID));
        return ext;
    }
}
