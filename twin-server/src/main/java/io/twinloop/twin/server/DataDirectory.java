package io.twinloop.twin.server;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.nio.file.Path;

import io.twinloop.twin.server.policy.PolicyStore;
import io.twinloop.twin.server.store.ThingStore;

/**
 * The twin server's durable state, opened together: its policies and its things. Either both open or neither stays
 * open, so a failed start leaves no file locked.
 */
final class DataDirectory implements AutoCloseable {

    private final PolicyStore policies;
    private final ThingStore store;
    private final long loadMillis;

    private DataDirectory(final PolicyStore policies, final ThingStore store, final long loadMillis) {
        this.policies = policies;
        this.store = store;
        this.loadMillis = loadMillis;
    }

    /**
     * @throws IOException or a {@link RuntimeException} naming file and line if the data is corrupt
     */
    static DataDirectory open(final Path directory, final long heldThingsMemory) throws IOException {
        final long start = System.nanoTime();
        java.nio.file.Files.createDirectories(directory);
        // the policies load on another core while the things load here: a start waits for the longer of the two
        final CompletableFuture<PolicyStore> policiesOpened = new CompletableFuture<>();
        final Thread policyLoader = new Thread(() -> {
            try {
                policiesOpened.complete(PolicyStore.open(directory));
            } catch (final IOException | RuntimeException | Error e) {
                policiesOpened.completeExceptionally(e);
            }
        }, "twin-server-policy-loader");
        policyLoader.setDaemon(true);
        policyLoader.start();
        final ThingStore store;
        try {
            store = ThingStore.open(directory, ThingStore.DEFAULT_SNAPSHOT_INTERVAL, heldThingsMemory);
        } catch (final IOException | RuntimeException e) {
            policiesOpened.thenAccept(PolicyStore::close);
            throw e;
        }
        try {
            return new DataDirectory(awaitPolicies(policiesOpened), store, (System.nanoTime() - start) / 1_000_000);
        } catch (final IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static PolicyStore awaitPolicies(final CompletableFuture<PolicyStore> opened) throws IOException {
        try {
            return opened.join();
        } catch (final CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    PolicyStore policies() {
        return policies;
    }

    ThingStore store() {
        return store;
    }

    long loadMillis() {
        return loadMillis;
    }

    @Override
    public void close() {
        store.close();
        policies.close();
    }
}
