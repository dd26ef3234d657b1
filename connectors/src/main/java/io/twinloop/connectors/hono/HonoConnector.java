package io.twinloop.connectors.hono;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.hono.application.client.kafka.KafkaApplicationClient;
import org.eclipse.hono.application.client.kafka.impl.KafkaApplicationClientImpl;
import org.eclipse.hono.application.client.kafka.impl.KafkaDownstreamMessage;
import org.eclipse.hono.client.kafka.CommonKafkaClientConfigProperties;
import org.eclipse.hono.client.kafka.HonoTopic;
import org.eclipse.hono.client.kafka.consumer.AsyncHandlingAutoCommitKafkaConsumer;
import org.eclipse.hono.client.kafka.consumer.MessagingKafkaConsumerConfigProperties;
import org.eclipse.hono.client.kafka.producer.CachingKafkaProducerFactory;
import org.eclipse.hono.client.kafka.producer.MessagingKafkaProducerConfigProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;

import io.twinloop.connectors.interfaces.AssetInterfacesReader;
import io.twinloop.connectors.interfaces.HonoInterface;
import io.twinloop.connectors.interfaces.InterfaceDescriptions;
import io.twinloop.connectors.northbound.BadDataCounter;
import io.twinloop.connectors.northbound.TwinMerges;
import io.twinloop.connectors.northbound.TwinUpdateBatcher;
import io.twinloop.connectors.reconciliation.DesiredValueFeed;
import io.twinloop.connectors.reconciliation.DesiredValueSubscription;
import io.twinloop.connectors.reconciliation.Reconciler;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinEvents;
import io.twinloop.twin.client.TwinPath;

/**
 * The Hono connector, for setups where TwinLoop maps device data itself: consumes the telemetry and event topics of
 * the tenants of the configured twins' devices from Hono's Kafka-based messaging API, merges mapped values into the
 * twins, and sends the twins' desired values to the devices as Hono commands, reporting each outcome into the twin.
 *
 * <p>Telemetry and events are read with Hono's {@link AsyncHandlingAutoCommitKafkaConsumer}: a record's offset is
 * committed only after the twin accepted its values, and fetching pauses while too many records wait for the twin
 * (backpressure into Kafka, which keeps the rest). Commands go through Hono's application client
 * ({@link KafkaApplicationClient}, request/response with a timeout). Like the OPC UA connector it keeps no twin
 * state: configuration and handled revisions come from the twins.
 */
public final class HonoConnector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HonoConnector.class);
    private static final String THING_FIELDS = "thingId,policyId,attributes,features,_revision";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final HonoConnectorConfig config;
    private final DittoClient ditto;
    private final ScheduledExecutorService executor;
    private final Vertx vertx;
    private final BadDataCounter badData = new BadDataCounter();
    private final TwinMerges merges;
    private final TwinUpdateBatcher batcher;
    private final HonoDevices devices = new HonoDevices();
    private final DeviceMessages deviceMessages;
    private final Reconciler reconciler;
    private final DesiredValueFeed<HonoCommandTarget> feed;
    private volatile TwinEvents events;
    private volatile KafkaApplicationClient commands;
    private volatile AsyncHandlingAutoCommitKafkaConsumer<Buffer> consumer;

    private HonoConnector(final HonoConnectorConfig config, final DittoClient ditto) {
        this.config = config;
        this.ditto = ditto;
        final AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(2, runnable -> {
            final Thread thread = new Thread(runnable, "twinloop-hono-connector-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.vertx = Vertx.vertx();
        this.merges = TwinMerges.of(config.twinWrites(), ditto);
        this.batcher = new TwinUpdateBatcher(merges, executor, config.batchWindow(), config.retry(),
                config.maxBufferedValues());
        this.deviceMessages = new DeviceMessages(devices, batcher, badData);
        this.reconciler = new Reconciler(ditto, config.reportFeatureId(), executor, Clock.systemUTC(),
                config.retry());
        this.feed = new DesiredValueFeed<>(reconciler, this::read, executor, config.retry());
    }

    /**
     * Starts the connector for the configured twins. Completes when the command client is ready, every twin's
     * pending desired values are queued and the telemetry/event consumer has its partitions; fails if the event
     * subscription, a twin, or Kafka cannot be had within a minute.
     */
    public static CompletableFuture<HonoConnector> start(final HonoConnectorConfig config, final DittoClient ditto) {
        return CompletableFuture.supplyAsync(() -> {
            final HonoConnector connector = new HonoConnector(config, ditto);
            try {
                connector.connect();
                return connector;
            } catch (final RuntimeException e) {
                connector.close();
                throw e;
            }
        });
    }

    private void connect() {
        final Set<String> namespaces = config.things().stream().map(ThingId::getNamespace)
                .collect(Collectors.toCollection(TreeSet::new));
        final Map<ThingId, JsonObject> things = new HashMap<>();
        for (final ThingId thingId : config.things()) {
            final JsonObject thing = read(thingId);
            things.put(thingId, thing);
            final InterfaceDescriptions descriptions = AssetInterfacesReader.read(ThingsModelFactory.newThing(thing));
            descriptions.warnings().forEach(w -> LOG.warn("AAS interface description: {}", w));
            if (descriptions.honoInterfaces().isEmpty()) {
                LOG.warn("no interface of a device behind Hono mapped in the twin's AAS (AID + AIMC + "
                        + "specificAssetIds HonoTenantId, HonoDeviceId): thing={}", thingId);
            }
            for (final HonoInterface iface : descriptions.honoInterfaces()) {
                devices.add(iface).ifPresent(other -> {
                    throw new IllegalStateException("twins " + other + " and " + thingId + " both name Hono device "
                            + iface.device() + " in their specificAssetIds");
                });
                LOG.info("device behind Hono: thing={} device={} interface={} mapped={} toDevice={}", thingId,
                        iface.device(), iface.name(), iface.mappings().size(),
                        iface.mappings().stream().filter(m -> m.writesToDevice()).count());
            }
        }
        commands = startCommandClient();
        final Map<ThingId, List<HonoCommandTarget>> targets = new HashMap<>();
        for (final ThingId thingId : config.things()) {
            targets.put(thingId, devices.all().stream()
                    .filter(i -> i.thingId().equals(thingId))
                    .map(i -> new HonoCommandTarget(i, commands, config.commandTimeout())).toList());
        }
        // as the OPC UA connector: the twins' AAS says which desired values to watch; read again once watched
        final Optional<DesiredValueSubscription> desired = DesiredValueSubscription.of(namespaces,
                targets.values().stream().flatMap(List::stream).toList());
        if (desired.isPresent()) {
            events = ditto.subscribe(desired.get().subscription(), feed.listenerFor(desired.get())).join();
        }
        targets.forEach((thingId, ofThing) -> feed.connect(thingId,
                desired.isPresent() ? read(thingId) : things.get(thingId), ofThing));
        consumer = startConsumer();
    }

    private CommonKafkaClientConfigProperties commonKafkaConfig() {
        final Map<String, String> common = new HashMap<>();
        common.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        common.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, String.valueOf(config.retry().first().toMillis()));
        common.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                String.valueOf(config.retry().max().toMillis()));
        common.put(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG, String.valueOf(config.retry().first().toMillis()));
        common.putAll(config.kafkaProperties());
        final CommonKafkaClientConfigProperties properties = new CommonKafkaClientConfigProperties();
        properties.setCommonClientConfig(common);
        return properties;
    }

    /** The telemetry/event consumer's configuration: its group, where it starts, and its bound. */
    private MessagingKafkaConsumerConfigProperties consumerConfig() {
        final MessagingKafkaConsumerConfigProperties consumerConfig = new MessagingKafkaConsumerConfigProperties();
        consumerConfig.setCommonClientConfig(commonKafkaConfig());
        // Hono's consumer keeps up to max.poll.records * 1.5 records in processing: derived from the bound asked for
        final int maxPollRecords = Math.max(1, config.maxRecordsInProcessing() * 2 / 3);
        consumerConfig.setConsumerConfig(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroupId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.autoOffsetReset(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(maxPollRecords),
                ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, String.valueOf(config.commitInterval().toMillis())));
        return consumerConfig;
    }

    private KafkaApplicationClient startCommandClient() {
        final MessagingKafkaProducerConfigProperties producerConfig = new MessagingKafkaProducerConfigProperties();
        producerConfig.setCommonClientConfig(commonKafkaConfig());
        producerConfig.setProducerConfig(Map.of());
        // the command response consumer picks its own group and starts at the latest offset (Hono's client sets both)
        final MessagingKafkaConsumerConfigProperties responseConsumerConfig =
                new MessagingKafkaConsumerConfigProperties();
        responseConsumerConfig.setCommonClientConfig(commonKafkaConfig());
        final KafkaApplicationClientImpl client = new KafkaApplicationClientImpl(vertx, responseConsumerConfig,
                CachingKafkaProducerFactory.sharedFactory(vertx), producerConfig);
        final Promise<Void> ready = Promise.promise();
        client.addOnClientReadyHandler(ready);
        await(client.start().compose(v -> ready.future()), "Hono command client (Kafka producer at "
                + config.bootstrapServers() + ")");
        return client;
    }

    private AsyncHandlingAutoCommitKafkaConsumer<Buffer> startConsumer() {
        final Set<String> topics = new TreeSet<>();
        for (final String tenant : devices.tenants()) {
            topics.add(new HonoTopic(HonoTopic.Type.TELEMETRY, tenant).toString());
            topics.add(new HonoTopic(HonoTopic.Type.EVENT, tenant).toString());
        }
        if (topics.isEmpty()) {
            LOG.warn("no device behind Hono in the configured twins: no topic consumed");
            return null;
        }
        final AsyncHandlingAutoCommitKafkaConsumer<Buffer> started = new AsyncHandlingAutoCommitKafkaConsumer<>(
                vertx, topics, this::handle, consumerConfig().getConsumerConfig("telemetry-event"));
        final Promise<Void> ready = Promise.promise();
        started.addOnKafkaConsumerReadyHandler(ready);
        await(started.start().compose(v -> ready.future()), "Hono telemetry/event consumer (Kafka at "
                + config.bootstrapServers() + ")");
        LOG.info("consuming Hono telemetry and events: topics={} group={} devices={}", topics,
                config.consumerGroupId(), devices.all().size());
        return started;
    }

    /** One record: done (its offset may be committed) when its values are done with in the twin. */
    private Future<Void> handle(final KafkaConsumerRecord<String, Buffer> record) {
        final Context context = vertx.getOrCreateContext();
        final Promise<Void> done = Promise.promise();
        CompletableFuture<Void> handled;
        try {
            handled = deviceMessages.handle(new KafkaDownstreamMessage(record));
        } catch (final RuntimeException e) {
            LOG.warn("Hono message not handled: topic={} partition={} offset={} error=\"{}\"", record.topic(),
                    record.partition(), record.offset(), e.toString(), e);
            handled = CompletableFuture.completedFuture(null);
        }
        handled.whenComplete((ok, failure) -> context.runOnContext(v -> done.complete()));
        return done.future();
    }

    private static void await(final Future<Void> future, final String what) {
        try {
            future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(what + " not ready within " + START_TIMEOUT, e);
        } catch (final java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(what + " could not be started: " + e.getCause(), e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + what, e);
        }
    }

    private JsonObject read(final ThingId thingId) {
        return ditto.retrieve(TwinPath.thing(thingId), RequestOptions.none().fields(THING_FIELDS)).join().body()
                .filter(JsonValue::isObject).map(JsonValue::asObject)
                .orElseThrow(() -> new IllegalStateException("twin " + thingId + " answered without a body"));
    }

    public HonoConnectorStatistics statistics() {
        return new HonoConnectorStatistics(devices.all().size(), deviceMessages.messages(), deviceMessages.values(),
                batcher.valuesSent(), batcher.mergesSent(), batcher.mergesFailed(), batcher.mergesRetried(),
                batcher.valuesBuffered(), batcher.valuesDropped(), badData.counts(), reconciler.applied(),
                reconciler.rejected(), reconciler.notCompleted());
    }

    /**
     * Stops consuming (committing the offsets of records whose values the twin accepted), stops the command client
     * and the event subscription. Records whose values were still buffered are not committed: they are read again
     * by the next connector of the group.
     */
    @Override
    public void close() {
        if (events != null) {
            events.close();
        }
        final List<Future<Void>> stopped = new ArrayList<>();
        if (consumer != null) {
            stopped.add(consumer.stop());
        }
        if (commands != null) {
            stopped.add(commands.stop());
        }
        try {
            Future.join(stopped).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (final Exception e) {
            LOG.warn("stopping the Kafka clients did not finish: {}", e.toString());
        }
        batcher.close();
        merges.close();
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final Exception e) {
            LOG.debug("closing Vert.x: {}", e.toString());
        }
        LOG.info("Hono connector stopped: {}", statistics());
    }
}
