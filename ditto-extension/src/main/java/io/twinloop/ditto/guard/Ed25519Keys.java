package io.twinloop.ditto.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys in module audit's format (the JDK's implementation): {@code <name>.pub} X.509 PEM,
 * {@code <name>.key} PKCS#8 PEM, key id {@code <name>:<first 16 hex digits of SHA-256 of the X.509 encoding>}.
 */
final class Ed25519Keys {

    static final String ALGORITHM = "Ed25519";

    private Ed25519Keys() {
    }

    static String keyId(final String name, final PublicKey key) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return name + ":" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static PublicKey publicKey(final byte[] x509, final String where) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
        } catch (final GeneralSecurityException e) {
            throw new GuardConfigException(where + " is not an Ed25519 public key (X.509): " + e.getMessage(), e);
        }
    }

    static PublicKey readPublicKey(final Path file) {
        return publicKey(readPem(file, "PUBLIC KEY"), file.toString());
    }

    static PrivateKey readPrivateKey(final Path file) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(
                    new PKCS8EncodedKeySpec(readPem(file, "PRIVATE KEY")));
        } catch (final GeneralSecurityException e) {
            throw new GuardConfigException(file + " is not an Ed25519 private key (PKCS#8): " + e.getMessage(), e);
        }
    }

    static byte[] readPem(final Path file, final String type) {
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (final IOException e) {
            throw new GuardConfigException("cannot read " + file + ": " + e, e);
        }
        final String begin = "-----BEGIN " + type + "-----";
        final String end = "-----END " + type + "-----";
        final int from = text.indexOf(begin);
        final int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new GuardConfigException(file + " is not a PEM file with a " + type + " block");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (final IllegalArgumentException e) {
            throw new GuardConfigException(file + ": the " + type + " block is not Base64: " + e.getMessage(), e);
        }
    }

    static String sign(final PrivateKey key, final byte[] data) {
        try {
            final Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(data);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signatureBase64} is the key's signature of {@code data}; false for malformed signatures. */
    static boolean verifies(final PublicKey key, final byte[] data, final String signatureBase64) {
        try {
            final Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(Base64.getDecoder().decode(signatureBase64.trim()));
        } catch (final IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
