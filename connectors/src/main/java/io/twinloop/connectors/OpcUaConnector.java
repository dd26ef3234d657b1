package io.twinloop.connectors;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.connectors.interfaces.AssetInterfacesReader;
import io.twinloop.connectors.interfaces.InterfaceDescriptions;
import io.twinloop.connectors.interfaces.OpcUaInterface;
import io.twinloop.connectors.northbound.BadDataCounter;
import io.twinloop.connectors.northbound.DeviceValues;
import io.twinloop.connectors.northbound.TwinMerges;
import io.twinloop.connectors.northbound.TwinUpdateBatcher;
import io.twinloop.connectors.opcua.ClientPki;
import io.twinloop.connectors.opcua.ConnectedInterface;
import io.twinloop.connectors.opcua.EndpointSessions;
import io.twinloop.connectors.opcua.OpcUaSessionException;
import io.twinloop.connectors.opcua.PointSubscription;
import io.twinloop.connectors.reconciliation.DesiredValueFeed;
import io.twinloop.connectors.reconciliation.DesiredValueSubscription;
import io.twinloop.connectors.reconciliation.Reconciler;
import io.twinloop.connectors.retry.TwinRetry;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinEvents;
import io.twinloop.twin.client.TwinPath;

/**
 * The OPC UA connector: reads each configured twin's AID and AIMC, subscribes to the mapped nodes and merges their
 * changes into the twin; watches the twins' desired values and writes them to the nodes, reporting each outcome
 * into the twin. It keeps no twin state of its own: the configuration and the handled revisions come from the twin
 * and are read again after a gap in the event stream.
 */
public final class OpcUaConnector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaConnector.class);
    private static final String THING_FIELDS = "thingId,policyId,attributes,features,_revision";

    private final OpcUaConnectorConfig config;
    private final DittoClient ditto;
    private final ScheduledExecutorService executor;
    private final ClientPki pki;
    private final EndpointSessions sessions;
    private final BadDataCounter badData = new BadDataCounter();
    private final TwinMerges merges;
    private final TwinUpdateBatcher batcher;
    private final DeviceValues deviceValues;
    private final Reconciler reconciler;
    private final DesiredValueFeed<ConnectedInterface> feed;
    private final List<PointSubscription> subscriptions = new ArrayList<>();
    private final PointSubscription.Settings subscriptionSettings;
    private final TwinRetry startRetry;
    private volatile TwinEvents events;

    private OpcUaConnector(final OpcUaConnectorConfig config, final DittoClient ditto, final ClientPki pki) {
        this.config = config;
        this.ditto = ditto;
        this.pki = pki;
        final AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(2, runnable -> {
            final Thread thread = new Thread(runnable, "twinloop-opcua-connector-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.sessions = new EndpointSessions(pki, config.applicationUri(), config.user(), config.password(),
                config.requestTimeout().toMillis(), executor);
        this.merges = TwinMerges.of(config.twinWrites(), ditto);
        this.batcher = new TwinUpdateBatcher(merges, executor, config.batchWindow(), config.retry(),
                config.maxBufferedValues());
        this.deviceValues = new DeviceValues(batcher, badData);
        this.subscriptionSettings = new PointSubscription.Settings(config.publishingInterval(),
                config.samplingInterval(), executor, config.retry());
        this.reconciler = new Reconciler(ditto, config.reportFeatureId(), executor, Clock.systemUTC(),
                config.retry());
        this.startRetry = new TwinRetry(config.retry(), executor);
        this.feed = new DesiredValueFeed<>(reconciler, this::read, executor, config.retry());
    }

    /**
     * Starts the connector for the configured twins. Completes when every twin's nodes are subscribed and its
     * pending desired values are queued. Peers that are not there yet (the twin server unreachable or answering
     * 408/429/5xx, an OPC UA server not up or busy) are waited for with the {@code retry} backoff, each failed
     * attempt logged; fails at once on what waiting cannot fix (refused credentials, a security policy the server
     * does not offer, a twin that does not exist), and when the connector is closed meanwhile.
     */
    public static CompletableFuture<OpcUaConnector> start(final OpcUaConnectorConfig config,
            final DittoClient ditto) {
        if (config.things().isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "OPC UA connector configuration: no things to connect"));
        }
        // Start-up may wait long for its peers: on a thread of its own, not one of the shared pool's few.
        return CompletableFuture.supplyAsync(() -> {
            final ClientPki pki;
            try {
                pki = ClientPki.open(config.pkiDirectory(), config.applicationUri(),
                        config.trustedServerCertificates());
            } catch (final Exception e) {
                throw new IllegalStateException("OPC UA connector: cannot open the PKI directory "
                        + config.pkiDirectory().toAbsolutePath() + ": " + e, e);
            }
            final OpcUaConnector connector = new OpcUaConnector(config, ditto, pki);
            try {
                connector.connect();
                return connector;
            } catch (final RuntimeException e) {
                connector.close();
                throw e;
            }
        }, runnable -> {
            final Thread thread = new Thread(runnable, "twinloop-opcua-connector-start");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * Reads the twins (their AID and AIMC say which desired values to watch), subscribes to the events that set
     * those, reads the twins once more and reconciles what they ask now: a desired value set between the first read
     * and the subscription is in the second read, one set after it arrives as an event. Then one OPC UA subscription
     * per session (endpoint and security) for the mapped points of all twins on it (see {@link PointSubscription}).
     */
    private void connect() {
        final Map<ThingId, List<ConnectedInterface>> connected = new LinkedHashMap<>();
        final Map<ThingId, JsonObject> firstRead = new LinkedHashMap<>();
        final Map<OpcUaClient, List<OpcUaInterface>> bySession = new LinkedHashMap<>();
        for (final ThingId thingId : config.things()) {
            final JsonObject thing = readUntilAnswered(thingId);
            firstRead.put(thingId, thing);
            final InterfaceDescriptions descriptions = AssetInterfacesReader.read(ThingsModelFactory.newThing(thing));
            descriptions.warnings().forEach(w -> LOG.warn("AAS interface description: {}", w));
            if (descriptions.interfaces().isEmpty()) {
                LOG.warn("no OPC UA interface mapped in the twin's AAS (AID + AIMC): thing={}", thingId);
            }
            final List<ConnectedInterface> interfaces = new ArrayList<>();
            for (final OpcUaInterface iface : descriptions.interfaces()) {
                final OpcUaClient client = untilServerAnswers(thingId, iface).join();
                bySession.computeIfAbsent(client, c -> new ArrayList<>()).add(iface);
                interfaces.add(new ConnectedInterface(iface, client));
            }
            connected.put(thingId, interfaces);
        }
        final Set<String> namespaces = config.things().stream().map(ThingId::getNamespace)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        final Optional<DesiredValueSubscription> desired = DesiredValueSubscription.of(namespaces,
                connected.values().stream().flatMap(List::stream).toList());
        if (desired.isPresent()) {
            LOG.info("watching the twins' desired values: {}", desired.get().subscription());
            events = untilTwinAnswers("subscribing to the twins' events", () -> ditto.subscribe(
                    desired.get().subscription(), feed.listenerFor(desired.get()))).join();
        }
        connected.forEach((thingId, interfaces) -> feed.connect(thingId,
                desired.isPresent() ? readUntilAnswered(thingId) : firstRead.get(thingId), interfaces));
        bySession.forEach((client, interfaces) -> {
            try {
                subscriptions.add(PointSubscription.start(client, interfaces, subscriptionSettings, deviceValues));
            } catch (final Exception e) {
                throw new IllegalStateException("cannot subscribe to " + interfaces.get(0).endpoint() + " for "
                        + interfaces.stream().map(OpcUaInterface::thingId).distinct().toList() + ": "
                        + e.getMessage(), e);
            }
        });
    }

    private JsonObject readUntilAnswered(final ThingId thingId) {
        return untilTwinAnswers("reading the twin " + thingId, () -> readAsync(thingId)).join();
    }

    private <T> CompletableFuture<T> untilTwinAnswers(final String what, final Supplier<CompletableFuture<T>> call) {
        return startRetry.untilAccepted(call, (failedAttempts, retryIn, failure) -> {
            if (TwinRetry.worthWarning(failedAttempts)) {
                LOG.warn("twin server not answering at start, waiting: {} failedAttempts={} retryIn={} error=\"{}\"",
                        what, failedAttempts, retryIn, failure.reason());
            }
        });
    }

    private CompletableFuture<OpcUaClient> untilServerAnswers(final ThingId thingId, final OpcUaInterface iface) {
        return startRetry.untilDone(() -> sessions.session(iface.endpoint(), iface.security()),
                failure -> unwrap(failure) instanceof OpcUaSessionException session && session.transientFailure(),
                (failedAttempts, retryIn, failure) -> {
                    if (TwinRetry.worthWarning(failedAttempts)) {
                        LOG.warn("OPC UA server not reachable at start, waiting: thing={} endpoint={} "
                                + "failedAttempts={} retryIn={} error=\"{}\"", thingId, iface.endpoint(),
                                failedAttempts, retryIn, unwrap(failure).getMessage());
                    }
                });
    }

    private static Throwable unwrap(final Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }

    private JsonObject read(final ThingId thingId) {
        return readAsync(thingId).join();
    }

    private CompletableFuture<JsonObject> readAsync(final ThingId thingId) {
        return ditto.retrieve(TwinPath.thing(thingId), RequestOptions.none().fields(THING_FIELDS))
                .thenApply(response -> response.body().filter(JsonValue::isObject).map(JsonValue::asObject)
                        .orElseThrow(() -> new IllegalStateException("twin " + thingId + " answered without a body")));
    }

    /** The client certificate servers must trust for signed and encrypted endpoints. */
    public java.security.cert.X509Certificate certificate() {
        return pki.certificate();
    }

    public ConnectorStatistics statistics() {
        return new ConnectorStatistics(subscriptions.stream().mapToInt(PointSubscription::monitoredItems).sum(),
                subscriptions.stream().mapToLong(PointSubscription::recreated).sum(),
                deviceValues.received(), deviceValues.outOfOrder(), batcher.valuesSent(), batcher.mergesSent(), batcher.mergesFailed(),
                batcher.mergesRetried(), batcher.valuesBuffered(), batcher.valuesDropped(),
                badData.counts(), reconciler.applied(), reconciler.rejected(), feed.eventsReceived());
    }

    @Override
    public void close() {
        if (events != null) {
            events.close();
        }
        subscriptions.forEach(PointSubscription::close);
        sessions.close();
        batcher.close();
        merges.close();
        try {
            pki.close();
        } catch (final java.io.IOException e) {
            LOG.debug("closing the trust list failed: {}", e.toString());
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("OPC UA connector stopped: {}", statistics());
    }
}
