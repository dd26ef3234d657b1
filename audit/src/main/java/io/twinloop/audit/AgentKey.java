package io.twinloop.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's Ed25519 signing key (the JDK's own implementation), kept as {@code <agent>.key} (PKCS#8 PEM, readable by
 * its owner only) and {@code <agent>.pub} (X.509 PEM) in a key directory. The public file is what a verifier
 * trusts ({@link TrustedKeys}); the private one never leaves the agent's machine.
 */
public final class AgentKey {

    private static final Logger LOG = LoggerFactory.getLogger(AgentKey.class);
    static final String ALGORITHM = "Ed25519";
    private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String agent;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private Signature signer;

    private AgentKey(final String agent, final PrivateKey privateKey, final PublicKey publicKey) {
        this.agent = agent;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = TrustedKeys.keyId(agent, publicKey);
    }

    /** The agent's key from {@code directory}, generated (and written) on first use. */
    public static AgentKey loadOrCreate(final Path directory, final String agent) {
        if (agent == null || !AGENT.matcher(agent).matches()) {
            throw new AuditLogException("agent name '" + agent + "' must be 1-64 of A-Z, a-z, 0-9, '.', '_', '-' "
                    + "(it names the key files)");
        }
        final Path privateFile = directory.resolve(agent + ".key");
        final Path publicFile = directory.resolve(agent + ".pub");
        if (Files.exists(privateFile)) {
            return load(agent, privateFile, publicFile);
        }
        return create(directory, agent, privateFile, publicFile);
    }

    private static AgentKey load(final String agent, final Path privateFile, final Path publicFile) {
        try {
            final PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(
                    new PKCS8EncodedKeySpec(Pem.read(privateFile, "PRIVATE KEY")));
            final PublicKey publicKey = TrustedKeys.readPublicKey(publicFile);
            final AgentKey key = new AgentKey(agent, privateKey, publicKey);
            if (!key.matches()) {
                throw new AuditLogException(publicFile + " is not the public key of " + privateFile);
            }
            return key;
        } catch (final GeneralSecurityException e) {
            throw new AuditLogException(privateFile + " is not an Ed25519 private key (PKCS#8): " + e.getMessage(), e);
        }
    }

    private static AgentKey create(final Path directory, final String agent, final Path privateFile,
            final Path publicFile) {
        try {
            final KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Files.createDirectories(directory);
            writeOwnerOnly(privateFile, Pem.write("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicFile, Pem.write("PUBLIC KEY", pair.getPublic().getEncoded()),
                    StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
            final AgentKey key = new AgentKey(agent, pair.getPrivate(), pair.getPublic());
            LOG.info("agent signing key created: agent={} keyId={} private={} public={}", agent, key.keyId(),
                    privateFile.toAbsolutePath(), publicFile.toAbsolutePath());
            return key;
        } catch (final FileAlreadyExistsException e) {
            throw new AuditLogException("cannot create the key of agent '" + agent + "': " + e.getFile()
                    + " exists without its private key " + privateFile, e);
        } catch (final IOException | GeneralSecurityException e) {
            throw new AuditLogException("cannot create the key of agent '" + agent + "' in " + directory + ": " + e, e);
        }
    }

    private static void writeOwnerOnly(final Path file, final String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (final UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private boolean matches() throws GeneralSecurityException {
        final byte[] probe = "twinloop-key-check".getBytes(StandardCharsets.US_ASCII);
        return TrustedKeys.verify(publicKey, probe, sign(probe));
    }

    /** Reuses one signer: looking the algorithm up again costs more than signing a hash. */
    synchronized byte[] sign(final byte[] data) throws GeneralSecurityException {
        if (signer == null) {
            signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
        }
        signer.update(data);
        return signer.sign();
    }

    /** Signs, Base64 of the signature. */
    String signBase64(final byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(sign(data));
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }

    public String agent() {
        return agent;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** {@code <agent>:<first 16 hex digits of SHA-256 of the public key>}: names the key in every entry it signs. */
    public String keyId() {
        return keyId;
    }
}
