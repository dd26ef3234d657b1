package io.twinloop.connectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.connectors.retry.TwinRetry;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.EventSubscription;
import io.twinloop.twin.client.TwinEventListener;
import io.twinloop.twin.client.TwinEvents;

/**
 * The OPC UA connector as a service against any Ditto: finds the selected twins whose AAS describes an OPC UA
 * interface (AID + AIMC; named twins, or Ditto's search over namespaces) and runs an {@link OpcUaConnector} for
 * them; with {@code followNewTwins} it watches the twins' events and starts one more connector for each selected
 * twin that appears later (created, or given a feature, such as its AID). Like the connector it keeps no twin state:
 * what it connects is read from Ditto.
 *
 * <p>One connector for the twins found at start, one per twin found later: a connector reads its twins'
 * configuration once, at its start, so a later twin needs a connector of its own (each has its own event
 * subscription and OPC UA sessions).
 */
public final class OpcUaConnectorService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaConnectorService.class);

    private final OpcUaConnectorServiceConfig config;
    private final DittoClient ditto;
    private final Consumer<List<ThingId>> onConnected;
    /** One thread: discovery after events runs one at a time; connectors start on threads of their own. */
    private final ScheduledExecutorService executor;
    private final TwinRetry retry;
    private final TwinDiscovery discovery;
    /** Twins connected or being connected: never two connectors for one twin. */
    private final Set<ThingId> claimed = ConcurrentHashMap.newKeySet();
    private final List<ThingId> connected = new CopyOnWriteArrayList<>();
    private final List<OpcUaConnector> connectors = new CopyOnWriteArrayList<>();
    private volatile TwinEvents events;
    private volatile boolean closed;

    private OpcUaConnectorService(final OpcUaConnectorServiceConfig config, final DittoClient ditto,
            final Consumer<List<ThingId>> onConnected) {
        this.config = config;
        this.ditto = ditto;
        this.onConnected = onConnected;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "twinloop-opcua-connector-service");
            thread.setDaemon(true);
            return thread;
        });
        this.retry = new TwinRetry(config.connector().retry(), executor);
        this.discovery = new TwinDiscovery(ditto, interfaces -> !interfaces.interfaces().isEmpty(),
                "OPC UA interface");
    }

    /** {@link #start(OpcUaConnectorServiceConfig, DittoClient, Consumer)} without being told of connections. */
    public static CompletableFuture<OpcUaConnectorService> start(final OpcUaConnectorServiceConfig config,
            final DittoClient ditto) {
        return start(config, ditto, twins -> { });
    }

    /**
     * Finds the twins and starts the connector for them. Completes when they are connected (as
     * {@link OpcUaConnector#start}); waits for a twin server that is not there yet. Fails when no selected twin
     * describes an OPC UA interface and new twins are not followed, when a named twin does not exist and new twins
     * are not followed, and as the connector's start fails (refused credentials, ...).
     *
     * @param onConnected told of the twins of each connector started (at start and later), on the thread that
     * started it
     * @return the service once started; cancelling it stops the start and closes whatever started
     */
    public static CompletableFuture<OpcUaConnectorService> start(final OpcUaConnectorServiceConfig config,
            final DittoClient ditto, final Consumer<List<ThingId>> onConnected) {
        final OpcUaConnectorService service = new OpcUaConnectorService(config, ditto, onConnected);
        final CompletableFuture<OpcUaConnectorService> starting = CompletableFuture.supplyAsync(() -> {
            try {
                service.connect();
                return service;
            } catch (final RuntimeException e) {
                service.close();
                throw e;
            }
        }, runnable -> {
            final Thread thread = new Thread(runnable, "twinloop-opcua-connector-service-start");
            thread.setDaemon(true);
            thread.start();
        });
        // cancelled (given up on): stop waiting for peers, close what started
        starting.whenComplete((started, failure) -> {
            if (starting.isCancelled()) {
                service.close();
            }
        });
        return starting;
    }

    /** Subscribes before searching, so a twin created in between is seen by one or the other. */
    private void connect() {
        if (config.followNewTwins()) {
            final Set<String> namespaces = new TreeSet<>(config.namespaces());
            config.connector().things().forEach(thing -> namespaces.add(thing.getNamespace()));
            events = untilTwinAnswers("subscribing to the twins' events", () -> ditto.subscribe(
                    EventSubscription.all().namespaces(namespaces.toArray(String[]::new)), new NewTwins())).join();
        }
        final List<ThingId> found = claim(discover(true));
        if (found.isEmpty()) {
            if (!config.followNewTwins()) {
                throw new IllegalStateException("OPC UA connector service: no twin with an OPC UA interface (AID + "
                        + "AIMC) among " + selection());
            }
            LOG.warn("no twin with an OPC UA interface (AID + AIMC) yet among {}; waiting for new twins", selection());
            return;
        }
        final OpcUaConnector connector = OpcUaConnector.start(config.connector().withThings(found), ditto).join();
        added(connector, found);
    }

    /**
     * The selected twins that describe an OPC UA interface, found now.
     *
     * @param atStart wait for an absent twin server, and treat a named twin that does not exist as an error
     * unless new twins are followed
     */
    private List<ThingId> discover(final boolean atStart) {
        final TwinDiscovery.Found found = discovery.find(config.connector().things(), config.namespaces(),
                new TwinDiscovery.Calls() {
                    @Override
                    public <T> CompletableFuture<T> call(final String what,
                            final Supplier<CompletableFuture<T>> request) {
                        return atStart ? untilTwinAnswers(what, request) : request.get();
                    }
                });
        for (final ThingId missing : found.missing()) {
            if (atStart && !config.followNewTwins()) {
                throw new IllegalStateException("OPC UA connector service: the twin " + missing + " does not exist "
                        + "(404), or the connector's user may not read it");
            }
            LOG.warn("twin not found (404): thing={}; connected when it appears", missing);
        }
        return found.accepted();
    }

    /** The twins of {@code found} not claimed before, now claimed. */
    private List<ThingId> claim(final List<ThingId> found) {
        return found.stream().filter(claimed::add).toList();
    }

    private <T> CompletableFuture<T> untilTwinAnswers(final String what, final Supplier<CompletableFuture<T>> call) {
        return retry.untilAccepted(call, (failedAttempts, retryIn, failure) -> {
            if (TwinRetry.worthWarning(failedAttempts)) {
                LOG.warn("twin server not answering at start, waiting: {} failedAttempts={} retryIn={} error=\"{}\"",
                        what, failedAttempts, retryIn, failure.reason());
            }
        });
    }

    /** Synchronized with {@link #close()}: a connector that started after the close is closed, never kept. */
    private synchronized void added(final OpcUaConnector connector, final List<ThingId> twins) {
        if (closed) {
            connector.close();
            return;
        }
        connectors.add(connector);
        connected.addAll(twins);
        LOG.info("OPC UA connector started: things={}", twins);
        onConnected.accept(twins);
    }

    /** Connects the selected twins found now that no connector has yet (after an event or a reconnection). */
    private void connectNew(final List<ThingId> candidates) {
        final List<ThingId> fresh = claim(candidates);
        if (fresh.isEmpty() || closed) {
            return;
        }
        OpcUaConnector.start(config.connector().withThings(fresh), ditto).whenComplete((connector, failure) -> {
            if (failure != null) {
                // a later change of the twin tries again
                fresh.forEach(claimed::remove);
                LOG.error("OPC UA connector for new twins did not start: things={} error=\"{}\"", fresh,
                        failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause().getMessage() : failure.getMessage());
            } else {
                added(connector, fresh);
            }
        });
    }

    /** The twins connected so far. */
    public List<ThingId> connectedTwins() {
        return List.copyOf(connected);
    }

    /** The counts of all its connectors together. */
    public ConnectorStatistics statistics() {
        return connectors.stream().map(OpcUaConnector::statistics).reduce(ConnectorStatistics.none(),
                ConnectorStatistics::plus);
    }

    private String selection() {
        final List<String> parts = new ArrayList<>();
        if (!config.connector().things().isEmpty()) {
            parts.add("things " + config.connector().things());
        }
        if (!config.namespaces().isEmpty()) {
            parts.add("namespaces " + config.namespaces());
        }
        return String.join(" and ", parts);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (events != null) {
            events.close();
        }
        connectors.forEach(OpcUaConnector::close);
        executor.shutdownNow();
    }

    /**
     * Twin events that may bring a new twin to connect: a selected twin not connected yet, created or replaced
     * (path {@code /}), or given features ({@code /features}, {@code /features/<id>}, e.g. its AID). Deeper changes
     * (values) are not worth a read. After a reconnection everything is searched again (events were missed).
     */
    private final class NewTwins implements TwinEventListener {

        @Override
        public void onEvent(final ThingEvent<?> event) {
            final ThingId thingId = event.getEntityId();
            if (closed || claimed.contains(thingId) || !config.selects(thingId)) {
                return;
            }
            final int depth = event.getResourcePath().getLevelCount();
            final boolean features = event.getResourcePath().getRoot().map(key -> key.toString().equals("features"))
                    .orElse(false);
            if (depth == 0 || features && depth <= 2) {
                executor.execute(() -> consider(thingId));
            }
        }

        @Override
        public void onResubscribed() {
            executor.execute(() -> {
                try {
                    connectNew(discover(false));
                } catch (final RuntimeException e) {
                    LOG.warn("searching for new twins after reconnecting failed: {}", e.toString());
                }
            });
        }

        private void consider(final ThingId thingId) {
            if (closed || claimed.contains(thingId)) {
                return;
            }
            try {
                discovery.read(thingId).join().filter(discovery::describes)
                        .ifPresent(thing -> connectNew(List.of(thingId)));
            } catch (final RuntimeException e) {
                LOG.warn("reading a new twin failed, not connected: thing={} error=\"{}\"", thingId, e.toString());
            }
        }
    }
}
