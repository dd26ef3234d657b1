package io.twinloop.twin.server;

import java.io.IOException;
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
    static DataDirectory open(final Path directory) throws IOException {
        final long start = System.nanoTime();
        final PolicyStore policies = PolicyStore.open(directory);
        try {
            final ThingStore store = ThingStore.open(directory);
            return new DataDirectory(policies, store, (System.nanoTime() - start) / 1_000_000);
        } catch (final IOException | RuntimeException e) {
            policies.close();
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
