package io.twinloop.aas.mapping;

import io.twinloop.aas.ditto.DittoKeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;


/**
 * Ditto names derived from AAS identifiers. The readable name is the idShort; where it is missing, not valid
 * in Ditto, or taken by another shell or submodel, a short hash of the globally unique AAS id is appended (or
 * used), so the same input always gives the same names. The way back never parses names: the AAS ids are kept in
 * the thing.
 */
final class Names {

    private Names() {
    }

    static boolean isValidDittoName(final String name) {
        return name != null && DittoKeys.problemWith(name).isEmpty();
    }

    static String readable(final String idShort, final String id, final String prefix) {
        return isValidDittoName(idShort) && !idShort.contains(":") ? idShort : prefix + "-" + shortHash(id);
    }

    static String disambiguated(final String readable, final String id) {
        return readable + "-" + shortHash(id);
    }

    static String shortHash(final String id) {
        return sha256(id.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    static String sha256(final byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
