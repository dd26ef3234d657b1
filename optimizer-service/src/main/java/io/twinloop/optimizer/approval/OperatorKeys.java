package io.twinloop.optimizer.approval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.twinloop.audit.AgentKey;
import io.twinloop.ditto.guard.WriteSigner;

/**
 * The operators' approval keys, one Ed25519 key pair per operator name in module audit's format
 * ({@code <name>.key}, {@code <name>.pub}) in {@code <agent key directory>/operators}: when an operator approves a
 * high-impact proposal through the approvals API (authenticated there), the service signs the twin write's approval
 * with that operator's key, and the twin's guard trusts the directory's public keys as approvers.
 * <p>
 * <b>A simplification for the embedded setup:</b> the service holds the operators' private keys, so the approval
 * binds a decision to the operator the approvals API authenticated, but it does not protect against a compromised
 * optimizer host, which could sign approvals itself. Where that matters, the operator's own tool signs with a key
 * the optimizer never sees ({@link WriteSigner#approve}) — not built yet (module README, "Not done yet").
 */
public final class OperatorKeys {

    /** The folder below the agent's key directory. */
    public static final String DIRECTORY = "operators";

    private final Path directory;
    private final Map<String, WriteSigner> signers = new ConcurrentHashMap<>();

    private OperatorKeys(final Path directory) {
        this.directory = directory;
    }

    /** The operators' keys beside an agent's key directory ({@code <keyDirectory>/operators}). */
    public static OperatorKeys besideAgentKeys(final Path agentKeyDirectory) {
        return new OperatorKeys(agentKeyDirectory.resolve(DIRECTORY));
    }

    /** Where the keys are: the twin's guard trusts this folder as its approver keys. */
    public Path directory() {
        return directory;
    }

    /**
     * Creates the folder and the missing key pairs of these operators now, e.g. before a twin server that trusts
     * this folder starts (a guard reads its trusted keys at start).
     *
     * @throws UncheckedIOException if the folder cannot be created
     */
    public OperatorKeys ensure(final Collection<String> operators) {
        try {
            Files.createDirectories(directory);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create the operators' key folder " + directory + ": " + e, e);
        }
        operators.forEach(this::signerOf);
        return this;
    }

    /** The operator's approval signer; its key pair is created on first use. */
    public WriteSigner signerOf(final String operator) {
        return signers.computeIfAbsent(operator, name -> {
            AgentKey.loadOrCreate(directory, name); // creates the folder and the pair if missing, checks a pair found
            return WriteSigner.fromKeyDirectory(directory, name);
        });
    }
}
