package io.twinloop.connectors.hono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Stands in for Hono's protocol adapters and command router towards Kafka, writing and reading Hono's Kafka message
 * format as Hono's documentation specifies it (plain kafka-clients, nothing of Hono's client):
 * <ul>
 * <li>telemetry and events on {@code hono.telemetry.<tenant>} / {@code hono.event.<tenant>}: key = device id,
 * headers {@code content-type}, {@code creation-time}, {@code device_id}, {@code qos}, {@code ttd} (strings as they
 * are, numbers as JSON text, as Hono encodes headers);</li>
 * <li>commands from {@code hono.command.<tenant>} answered on {@code hono.command_response.<tenant>} with
 * {@code correlation-id}, {@code creation-time}, {@code device_id}, {@code status}, {@code tenant_id}, as the
 * device's answer: a {@link Responder} decides the status, or not to answer.</li>
 * </ul>
 */
final class HonoAdapterStandIn implements AutoCloseable {

    /** A command as the device got it. */
    record Command(String tenant, String device, String name, String payload, String correlationId) {
    }

    /** The device's answer: a status and payload, or empty for none. */
    record Response(int status, String payload) {
    }

    @FunctionalInterface
    interface Responder extends Function<Command, Optional<Response>> {
    }

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final Map<String, Thread> commandThreads = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile Responder responder = command -> Optional.of(new Response(200, null));

    HonoAdapterStandIn(final String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        final Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        properties.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    void respondWith(final Responder newResponder) {
        this.responder = newResponder;
    }

    List<Command> commands() {
        return List.copyOf(commands);
    }

    /**
     * A telemetry message as Hono's adapter writes it, acknowledged by Kafka (as for QoS 1). Returns false if Kafka
     * did not take it in time: as Hono's adapter does, the caller (the device) may send it again.
     */
    boolean telemetry(final String tenant, final String device, final String json) {
        return send("hono.telemetry." + tenant, device, "application/json", json, 1);
    }

    boolean event(final String tenant, final String device, final String json) {
        return send("hono.event." + tenant, device, "application/json", json, 1);
    }

    boolean send(final String topic, final String device, final String contentType, final String payload,
            final int qos) {
        final ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, device,
                payload.getBytes(StandardCharsets.UTF_8));
        header(record, "content-type", contentType);
        header(record, "creation-time", String.valueOf(System.currentTimeMillis()));
        header(record, "device_id", device);
        header(record, "qos", String.valueOf(qos));
        header(record, "ttd", "-1");
        try {
            producer.send(record).get(15, TimeUnit.SECONDS);
            return true;
        } catch (final ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends until Kafka acknowledges: a QoS 1 device resending after its adapter reported the failure. */
    void telemetryUntilAccepted(final String tenant, final String device, final String json) {
        final long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!telemetry(tenant, device, json)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Kafka did not take telemetry for " + device + " within 120 s");
            }
        }
    }

    /** Starts answering commands of the tenant (as the device behind the adapter would, via {@link #respondWith}). */
    void answerCommands(final String tenant) {
        commandThreads.computeIfAbsent(tenant, t -> {
            final Thread thread = new Thread(() -> commandLoop(t), "hono-stand-in-commands-" + t);
            thread.setDaemon(true);
            thread.start();
            return thread;
        });
    }

    private void commandLoop(final String tenant) {
        final Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "hono-command-router-stand-in");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("hono.command." + tenant));
            while (running.get()) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    final Command command = new Command(tenant, record.key(), header(record, "subject"),
                            new String(record.value(), StandardCharsets.UTF_8), header(record, "correlation-id"));
                    commands.add(command);
                    if ("true".equals(header(record, "response-required"))) {
                        responder.apply(command).ifPresent(response -> respond(command, response));
                    }
                }
                consumer.commitSync();
            }
        } catch (final org.apache.kafka.common.errors.InterruptException e) {
            // closing
        }
    }

    private void respond(final Command command, final Response response) {
        final ProducerRecord<String, byte[]> record = new ProducerRecord<>("hono.command_response." + command.tenant(),
                command.device(), response.payload() == null ? null
                        : response.payload().getBytes(StandardCharsets.UTF_8));
        header(record, "correlation-id", command.correlationId());
        header(record, "creation-time", String.valueOf(System.currentTimeMillis()));
        header(record, "device_id", command.device());
        header(record, "tenant_id", command.tenant());
        header(record, "status", String.valueOf(response.status()));
        if (response.payload() != null) {
            header(record, "content-type", "text/plain");
        }
        producer.send(record);
    }

    private static void header(final ProducerRecord<String, byte[]> record, final String name, final String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(final ConsumerRecord<String, byte[]> record, final String name) {
        final Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        running.set(false);
        for (final Thread thread : commandThreads.values()) {
            try {
                thread.join(10_000);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }
}
