package io.twinloop.audit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The public keys a verifier accepts signatures from, by key id. They come from outside the log (a directory of
 * {@code <agent>.pub} files the operator keeps): a log that carried its own keys could be re-signed by whoever
 * edited it.
 */
public final class TrustedKeys {

    private final Map<String, PublicKey> byKeyId;

    private TrustedKeys(final Map<String, PublicKey> byKeyId) {
        this.byKeyId = Map.copyOf(byKeyId);
    }

    /** Every {@code *.pub} file in the directory; the agent is the file name without {@code .pub}. */
    public static TrustedKeys fromDirectory(final Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new AuditLogException("the key directory " + directory + " does not exist");
        }
        final Map<String, PublicKey> keys = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.pub")) {
            for (final Path file : files) {
                final String name = file.getFileName().toString();
                final String agent = name.substring(0, name.length() - ".pub".length());
                final PublicKey key = readPublicKey(file);
                keys.put(keyId(agent, key), key);
            }
        } catch (final IOException e) {
            throw new AuditLogException("cannot list the key directory " + directory + ": " + e, e);
        }
        if (keys.isEmpty()) {
            throw new AuditLogException("the key directory " + directory + " holds no public key (<agent>.pub)");
        }
        return new TrustedKeys(keys);
    }

    public static TrustedKeys of(final AgentKey... keys) {
        final Map<String, PublicKey> byId = new LinkedHashMap<>();
        for (final AgentKey key : keys) {
            byId.put(key.keyId(), key.publicKey());
        }
        return new TrustedKeys(byId);
    }

    public Optional<PublicKey> key(final String keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    public int size() {
        return byKeyId.size();
    }

    static PublicKey readPublicKey(final Path file) {
        try {
            return KeyFactory.getInstance(AgentKey.ALGORITHM).generatePublic(
                    new X509EncodedKeySpec(Pem.read(file, "PUBLIC KEY")));
        } catch (final GeneralSecurityException e) {
            throw new AuditLogException(file + " is not an Ed25519 public key (X.509): " + e.getMessage(), e);
        }
    }

    static String keyId(final String agent, final PublicKey key) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return agent + ":" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static boolean verify(final PublicKey key, final byte[] data, final byte[] signature)
            throws GeneralSecurityException {
        final Signature verifier = Signature.getInstance(AgentKey.ALGORITHM);
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }

    /** Whether {@code signatureBase64} is the key's signature of {@code data}; false for malformed signatures. */
    static boolean verifies(final PublicKey key, final byte[] data, final String signatureBase64) {
        try {
            return verify(key, data, Base64.getDecoder().decode(signatureBase64));
        } catch (final IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
