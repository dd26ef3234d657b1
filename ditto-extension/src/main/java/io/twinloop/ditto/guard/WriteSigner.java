package io.twinloop.ditto.guard;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs desired writes (as an agent) and approves them (as an operator) with an Ed25519 key in module audit's
 * format. The result is the set of headers to send with the write, including {@code If-Match}, so the write can only
 * apply to the revision it was decided on.
 * <pre>
 * WriteSigner optimizer = WriteSigner.fromKeyDirectory(Path.of("keys"), "optimizer");  // keys/optimizer.key + .pub
 * DesiredWrite write = DesiredWrite.of("plant:press-1", Operation.MODIFY,
 *         JsonPointer.of("/features/Op/desiredProperties/Speed"), JsonValue.of(1200)).orElseThrow();
 * Map&lt;String, String&gt; headers = optimizer.sign(write, 41, "d-42", Optional.empty());
 * // high impact: headers = operator.approve(write, headers);
 * </pre>
 */
public final class WriteSigner {

    private final String keyId;
    private final PrivateKey privateKey;

    private WriteSigner(final String keyId, final PrivateKey privateKey) {
        this.keyId = keyId;
        this.privateKey = privateKey;
    }

    /** A signer for {@code name}'s key pair ({@code name} is the agent or operator name that starts the key id). */
    public static WriteSigner of(final String name, final PrivateKey privateKey, final PublicKey publicKey) {
        return new WriteSigner(Ed25519Keys.keyId(name, publicKey), privateKey);
    }

    /** Loads {@code <name>.key} and {@code <name>.pub} from a key directory (module audit's AgentKey files). */
    public static WriteSigner fromKeyDirectory(final Path directory, final String name) {
        final PrivateKey privateKey = Ed25519Keys.readPrivateKey(directory.resolve(name + ".key"));
        final PublicKey publicKey = Ed25519Keys.readPublicKey(directory.resolve(name + ".pub"));
        final WriteSigner signer = of(name, privateKey, publicKey);
        final byte[] probe = "twinloop-key-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!Ed25519Keys.verifies(publicKey, probe, Ed25519Keys.sign(privateKey, probe))) {
            throw new GuardConfigException(directory.resolve(name + ".pub") + " is not the public key of "
                    + directory.resolve(name + ".key"));
        }
        return signer;
    }

    public String keyId() {
        return keyId;
    }

    /**
     * The headers of a signed write: key id, signature, decision id, based-on revision, {@code If-Match} of that
     * revision and, if given, not-after.
     */
    public Map<String, String> sign(final DesiredWrite write, final long basedOnRevision, final String decisionId,
            final Optional<Instant> notAfter) {
        final SignedDocument document = new SignedDocument(write, basedOnRevision, decisionId, keyId, notAfter);
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WriteHeaders.KEY_ID, keyId);
        headers.put(WriteHeaders.DECISION_ID, decisionId);
        headers.put(WriteHeaders.BASED_ON_REVISION, Long.toString(basedOnRevision));
        notAfter.ifPresent(time -> headers.put(WriteHeaders.NOT_AFTER, time.toString()));
        headers.put(WriteHeaders.SIGNATURE, Ed25519Keys.sign(privateKey, document.writeBytes()));
        if (write.operation() != Operation.CREATE) {
            headers.put(WriteHeaders.IF_MATCH, WriteHeaders.revisionTag(basedOnRevision));
        }
        return headers;
    }

    /**
     * {@code signedHeaders} (from an agent's {@link #sign}) plus this key's approval of exactly that write.
     *
     * @throws IllegalArgumentException if the headers are not a signed write's
     */
    public Map<String, String> approve(final DesiredWrite write, final Map<String, String> signedHeaders) {
        final WriteProvenance provenance = WriteProvenance.fromHeaders(signedHeaders)
                .orElseThrow(() -> new IllegalArgumentException("the headers carry no signed write to approve"));
        final SignedDocument document = provenance.document(write);
        final Map<String, String> headers = new LinkedHashMap<>(signedHeaders);
        headers.put(WriteHeaders.APPROVAL_KEY_ID, keyId);
        headers.put(WriteHeaders.APPROVAL, Ed25519Keys.sign(privateKey, document.approvalBytes()));
        return headers;
    }

    @Override
    public String toString() {
        return "WriteSigner[" + Objects.requireNonNull(keyId) + "]";
    }
}
