package io.twinloop.twin.conformance;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.DittoClientBuilder;
import io.twinloop.twin.client.NotFoundException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;

/**
 * What a conformance test sees of its target: an authenticated {@link DittoClient}, fresh thing ids in the
 * namespace {@code conformance}, and clean-up of every thing (and Ditto's default policy of the same id) that the
 * test may have created. One instance per test invocation.
 */
public final class TwinTarget implements AutoCloseable {

    static final String NAMESPACE = "conformance";

    private static final Logger LOG = LoggerFactory.getLogger(TwinTarget.class);

    private final Backend backend;
    private final String testName;
    private final List<ThingId> thingIds = new ArrayList<>();
    private DittoClient client;

    TwinTarget(final Backend backend, final String testName) {
        this.backend = backend;
        this.testName = testName;
    }

    /** A client authenticated as the target's configured user. */
    public synchronized DittoClient client() {
        if (client == null) {
            client = unauthenticatedClient().basicAuth(backend.username(), backend.password()).build();
        }
        return client;
    }

    /** A builder for the target's URI without credentials, for authentication tests; the caller closes the client. */
    public DittoClientBuilder unauthenticatedClient() {
        return DittoClient.builder(backend.uri()).requestTimeout(Duration.ofSeconds(30));
    }

    /** A thing id unique to this run, removed after the test whether or not the test created it. */
    public synchronized ThingId newThingId() {
        final ThingId id = ThingId.of(NAMESPACE,
                testName + "-" + UUID.randomUUID().toString().substring(0, 8));
        thingIds.add(id);
        return id;
    }

    public URI uri() {
        return backend.uri();
    }

    public String username() {
        return backend.username();
    }

    /** The password of {@link #username()}, for requests outside the client (see {@link RawHttp}). */
    String password() {
        return backend.password();
    }

    public boolean isRealDitto() {
        return backend.isRealDitto();
    }

    public String name() {
        return backend.name();
    }

    @Override
    public synchronized void close() {
        if (client == null) {
            return; // nothing can have been created without the client
        }
        try {
            for (final ThingId id : thingIds) {
                deleteIgnoringNotFound(client, "thing " + id, () -> client.delete(TwinPath.thing(id), RequestOptions.none()));
                // Ditto creates a policy with the thing's id for a thing put without one, and keeps it on delete.
                deleteIgnoringNotFound(client, "policy " + id,
                        () -> client.deletePolicy(PolicyId.of(id), RequestOptions.none()));
            }
        } finally {
            client.close();
        }
    }

    private interface Deletion {
        java.util.concurrent.CompletableFuture<?> run();
    }

    private static void deleteIgnoringNotFound(final DittoClient client, final String what, final Deletion deletion) {
        try {
            deletion.run().get(30, TimeUnit.SECONDS);
        } catch (final java.util.concurrent.ExecutionException | CompletionException e) {
            if (!(e.getCause() instanceof NotFoundException)) {
                // Clean-up trouble must not mask the test's own outcome; a leftover thing is only untidy.
                LOG.warn("Could not delete {} on {}: {}", what, client.baseUri(), e.getCause().toString());
            }
        } catch (final Exception e) {
            LOG.warn("Could not delete {} on {}: {}", what, client.baseUri(), e.toString());
        }
    }
}
