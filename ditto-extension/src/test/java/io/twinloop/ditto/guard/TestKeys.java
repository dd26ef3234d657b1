package io.twinloop.ditto.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fresh Ed25519 key pairs for tests, written in module audit's file format when asked. */
public final class TestKeys {

    private final Map<String, KeyPair> pairs = new LinkedHashMap<>();

    public KeyPair pair(final String name) {
        return pairs.computeIfAbsent(name, n -> {
            try {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            } catch (final GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public WriteSigner signer(final String name) {
        final KeyPair pair = pair(name);
        return WriteSigner.of(name, pair.getPrivate(), pair.getPublic());
    }

    public TrustedKeys trusted(final String... names) {
        final Map<String, java.security.PublicKey> keys = new LinkedHashMap<>();
        for (final String name : names) {
            keys.put(name, pair(name).getPublic());
        }
        return TrustedKeys.of(keys);
    }

    public String publicBase64(final String name) {
        return Base64.getEncoder().encodeToString(pair(name).getPublic().getEncoded());
    }

    /** {@code <name>.pub} (and with {@code withPrivate} {@code <name>.key}) as module audit's AgentKey writes them. */
    public void write(final Path directory, final String name, final boolean withPrivate) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(name + ".pub"), pem("PUBLIC KEY", pair(name).getPublic().getEncoded()),
                StandardCharsets.US_ASCII);
        if (withPrivate) {
            Files.writeString(directory.resolve(name + ".key"),
                    pem("PRIVATE KEY", pair(name).getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        }
    }

    private static String pem(final String type, final byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
