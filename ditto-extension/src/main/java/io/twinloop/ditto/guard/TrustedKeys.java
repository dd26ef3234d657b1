package io.twinloop.ditto.guard;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Public keys the guard accepts signatures from, by key id ({@code <name>:<16 hex>}). Kept outside the twin: a
 * directory of {@code <name>.pub} files (as module audit writes them) and/or inline Base64 X.509 keys by name.
 */
public final class TrustedKeys {

    private final Map<String, PublicKey> byKeyId;

    private TrustedKeys(final Map<String, PublicKey> byKeyId) {
        this.byKeyId = Map.copyOf(byKeyId);
    }

    public static TrustedKeys none() {
        return new TrustedKeys(Map.of());
    }

    /** Every {@code *.pub} file of the directory; the name is the file name without {@code .pub}. */
    public static TrustedKeys fromDirectory(final Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new GuardConfigException("the key directory " + directory + " does not exist");
        }
        final Map<String, PublicKey> keys = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.pub")) {
            for (final Path file : files) {
                final String fileName = file.getFileName().toString();
                final PublicKey key = Ed25519Keys.readPublicKey(file);
                keys.put(Ed25519Keys.keyId(fileName.substring(0, fileName.length() - ".pub".length()), key), key);
            }
        } catch (final IOException e) {
            throw new GuardConfigException("cannot list the key directory " + directory + ": " + e, e);
        }
        return new TrustedKeys(keys);
    }

    /** Keys given inline: name → Base64 of the X.509 (DER) encoding, i.e. the PEM body without its lines. */
    public static TrustedKeys fromBase64(final Map<String, String> base64ByName, final String configKey) {
        final Map<String, PublicKey> keys = new LinkedHashMap<>();
        base64ByName.forEach((name, base64) -> {
            final String where = configKey + "." + name;
            final byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(base64);
            } catch (final IllegalArgumentException e) {
                throw new GuardConfigException(where + " is not Base64: " + e.getMessage(), e);
            }
            final PublicKey key = Ed25519Keys.publicKey(der, where);
            keys.put(Ed25519Keys.keyId(name, key), key);
        });
        return new TrustedKeys(keys);
    }

    public static TrustedKeys of(final Map<String, PublicKey> keysByName) {
        final Map<String, PublicKey> keys = new LinkedHashMap<>();
        keysByName.forEach((name, key) -> keys.put(Ed25519Keys.keyId(name, key), key));
        return new TrustedKeys(keys);
    }

    public TrustedKeys and(final TrustedKeys other) {
        final Map<String, PublicKey> keys = new LinkedHashMap<>(byKeyId);
        keys.putAll(other.byKeyId);
        return new TrustedKeys(keys);
    }

    public Optional<PublicKey> key(final String keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    public Set<String> keyIds() {
        return byKeyId.keySet();
    }

    /** The name part of a key id ({@code optimizer} of {@code optimizer:1f0c...}). */
    static String nameOf(final String keyId) {
        final int colon = keyId.lastIndexOf(':');
        return colon < 0 ? keyId : keyId.substring(0, colon);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof TrustedKeys other && byKeyId.equals(other.byKeyId);
    }

    @Override
    public int hashCode() {
        return byKeyId.hashCode();
    }

    @Override
    public String toString() {
        return "TrustedKeys" + byKeyId.keySet();
    }
}
