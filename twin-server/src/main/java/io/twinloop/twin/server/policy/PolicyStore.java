package io.twinloop.twin.server.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable set of policies, beside the things in the same data directory. Reads are lock-free; writes run one
 * at a time on a writer thread and are forced to disk before the map changes and the caller hears back, as for
 * things. Deleted policies leave a marker so that a re-created policy continues its revisions, as in Ditto.
 */
public final class PolicyStore implements AutoCloseable {

    /** Superseded lines tolerated before the file is compacted at start-up. */
    private static final int COMPACT_SLACK = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(PolicyStore.class);

    /** Current policies; deleted ones are only in {@link #deletedRevisions}. */
    private final Map<PolicyId, StoredPolicy> policies;
    private final Map<PolicyId, Long> deletedRevisions;
    private final ExecutorService writer;
    private final SharedEnforcers enforcers;
    private PolicyJournal journal;

    private PolicyStore(final Map<PolicyId, StoredPolicy> policies, final Map<PolicyId, Long> deletedRevisions,
            final PolicyJournal journal, final SharedEnforcers enforcers) {
        this.enforcers = enforcers;
        this.policies = policies;
        this.deletedRevisions = deletedRevisions;
        this.journal = journal;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            final Thread thread = new Thread(r, "policy-store-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Loads {@value PolicyJournal#FILE} from {@code directory} (a torn last line is dropped with a warning).
     *
     * @throws io.twinloop.twin.server.store.StoreCorruptedException naming file and line for an unreadable entry
     */
    public static PolicyStore open(final Path directory) throws IOException {
        Files.createDirectories(directory);
        final Map<PolicyId, StoredPolicy> policies = new ConcurrentHashMap<>();
        final Map<PolicyId, Long> deleted = new ConcurrentHashMap<>();
        final long[] lines = {0};
        final SharedEnforcers enforcers = new SharedEnforcers();
        PolicyJournal journal = PolicyJournal.openAndReplay(directory, (id, replayed) -> {
            lines[0]++;
            if (replayed.policyJson() == null) {
                policies.remove(id);
                deleted.put(id, replayed.revision());
            } else {
                deleted.remove(id);
                policies.put(id, StoredPolicy.ofJson(replayed.revision(), replayed.policyJson(), enforcers));
            }
        });
        final long live = policies.size() + deleted.size();
        if (lines[0] > 2 * live + COMPACT_SLACK) {
            journal = journal.compact(currentLines(policies, deleted));
            LOG.info("Compacted {}: {} lines down to {}", directory.resolve(PolicyJournal.FILE), lines[0], live);
        }
        LOG.info("Opened policy store {}: {} policies", directory, policies.size());
        return new PolicyStore(policies, deleted, journal, enforcers);
    }

    private static List<byte[]> currentLines(final Map<PolicyId, StoredPolicy> policies,
            final Map<PolicyId, Long> deleted) {
        final List<byte[]> lines = new ArrayList<>(policies.size() + deleted.size());
        policies.forEach((id, stored) -> lines.add(PolicyJournal.line(id, stored.revision(), stored.json())));
        deleted.forEach((id, revision) -> lines.add(PolicyJournal.line(id, revision, null)));
        return lines;
    }

    public Optional<StoredPolicy> get(final PolicyId policyId) {
        return Optional.ofNullable(policies.get(policyId));
    }

    public int size() {
        return policies.size();
    }

    /**
     * Runs {@code modification} against the latest state of the policy on the writer thread and makes its
     * outcome durable. The future fails with what the modification threw (e.g. a Ditto error), or with
     * {@link PolicyUnavailableException} if the change could not be written.
     */
    public <R> CompletableFuture<R> modify(final PolicyId policyId,
            final Function<PolicyState, PolicyChange<R>> modification) {
        try {
            return CompletableFuture.supplyAsync(() -> apply(policyId, modification), writer);
        } catch (final RejectedExecutionException e) {
            return CompletableFuture.failedFuture(PolicyUnavailableException.newBuilder(policyId).build());
        }
    }

    private <R> R apply(final PolicyId policyId, final Function<PolicyState, PolicyChange<R>> modification) {
        final Optional<StoredPolicy> current = get(policyId);
        final long revision = current.map(StoredPolicy::revision)
                .orElseGet(() -> deletedRevisions.getOrDefault(policyId, 0L));
        final PolicyChange<R> change = modification.apply(new PolicyState(policyId,
                current.map(StoredPolicy::policy), revision + 1, Instant.now()));
        if (change.next().isEmpty() && !change.delete()) {
            return change.result();
        }
        final StoredPolicy next = change.next().map(p -> StoredPolicy.of(p, enforcers)).orElse(null);
        try {
            journal.append(PolicyJournal.line(policyId, revision + 1, next == null ? null : next.json()));
        } catch (final IOException e) {
            LOG.error("Could not write the change of policy {}", policyId, e);
            throw PolicyUnavailableException.newBuilder(policyId).build();
        }
        if (next == null) {
            policies.remove(policyId);
            deletedRevisions.put(policyId, revision + 1);
        } else {
            deletedRevisions.remove(policyId);
            policies.put(policyId, next);
        }
        return change.result();
    }

    /** Lets pending writes finish (up to a few seconds) and closes the file. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Policy writes still pending at close");
            }
            journal.close();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
