package io.twinloop.connectors.hono;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.hono.application.client.kafka.KafkaApplicationClient;
import org.eclipse.hono.client.SendMessageTimeoutException;
import org.eclipse.hono.client.ServiceInvocationException;

import io.vertx.core.buffer.Buffer;

import io.twinloop.connectors.interfaces.HonoInterface;
import io.twinloop.connectors.interfaces.Mapping;
import io.twinloop.connectors.reconciliation.DeviceTarget;
import io.twinloop.connectors.reconciliation.WriteOutcome;

/**
 * Desired values of a device behind Hono, sent as request/response commands on {@code hono.command.<tenant>}: the
 * command's name is the AID property's name, its payload the JSON object {@code {"<name>": <value>}}
 * ({@code application/json}, the same shape as the device's telemetry). The device's response status says how it
 * went: 2xx applied; any other status rejected by the device (with {@code honoStatus}, and the response payload as
 * the reason); no response within the timeout, or a command that could not be written to Kafka, not completed.
 */
final class HonoCommandTarget implements DeviceTarget {

    static final String CONTENT_TYPE = "application/json";

    private final HonoInterface iface;
    private final KafkaApplicationClient client;
    private final Duration timeout;

    HonoCommandTarget(final HonoInterface iface, final KafkaApplicationClient client, final Duration timeout) {
        this.iface = iface;
        this.client = client;
        this.timeout = timeout;
    }

    HonoInterface description() {
        return iface;
    }

    @Override
    public ThingId thingId() {
        return iface.thingId();
    }

    @Override
    public List<Mapping> mappings() {
        return iface.mappings();
    }

    @Override
    public JsonObject destination(final Mapping mapping) {
        return JsonObject.newBuilder().set("device", iface.device()).set("command", mapping.source().name()).build();
    }

    @Override
    public CompletableFuture<WriteOutcome> write(final Mapping mapping, final JsonValue value) {
        final String command = mapping.source().name();
        final Buffer payload = Buffer.buffer(commandPayload(command, value).toString());
        final CompletableFuture<WriteOutcome> outcome = new CompletableFuture<>();
        try {
            client.sendCommand(iface.tenantId(), iface.deviceId(), command, payload, CONTENT_TYPE,
                    (String) null, timeout, null)
                    .onComplete(result -> outcome.complete(result.succeeded() ? WriteOutcome.applied()
                            : failed(result.cause())));
        } catch (final RuntimeException e) {
            outcome.complete(WriteOutcome.notCompleted("the command could not be sent: " + e));
        }
        return outcome;
    }

    /**
     * The command's payload, {@code {"<name>": <value>}}; also what Ditto's Hono connection sends with TwinLoop's
     * payload mapping (module ditto-extension), which a test compares with this.
     */
    static JsonObject commandPayload(final String command, final JsonValue value) {
        return JsonObject.newBuilder().set(command, value).build();
    }

    private WriteOutcome failed(final Throwable failure) {
        if (failure instanceof SendMessageTimeoutException) {
            return WriteOutcome.notCompleted("no response from the device within " + timeout + "; it may or may not "
                    + "have applied the value");
        }
        if (failure instanceof ServiceInvocationException e && e.getCause() == null) {
            // the device's (or Hono's adapter's) response with an error status; its payload is the detail
            return WriteOutcome.refusedByDevice(JsonObject.newBuilder().set("honoStatus", e.getErrorCode()).build(),
                    e.getMessage() == null ? "status " + e.getErrorCode() : e.getMessage());
        }
        return WriteOutcome.notCompleted("the command could not be sent through Hono's Kafka: " + failure);
    }
}
