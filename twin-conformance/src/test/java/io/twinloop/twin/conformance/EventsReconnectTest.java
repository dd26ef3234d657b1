package io.twinloop.twin.conformance;

import static io.twinloop.twin.conformance.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.EventSubscription;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinEventListener;
import io.twinloop.twin.client.TwinEvents;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;

/**
 * The client's event subscription survives a restart of the twin server: it reconnects with backoff, subscribes
 * again, says so, and reports the revision jump of changes made while it was away. Embedded server only, since the
 * test stops and starts it.
 */
class EventsReconnectTest {

    @Test
    void subscriptionComesBackAfterAServerRestartAndReportsTheGap(@TempDir final Path data) throws Exception {
        final int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        final TwinServerConfig config = TwinServerConfig.of(data).withPort(port).withUser("ops", "pw");
        final BlockingQueue<String> happenings = new ArrayBlockingQueue<>(100);
        final ThingId id = ThingId.of("restart:press");
        final TwinEventListener listener = new TwinEventListener() {
            @Override
            public void onEvent(final ThingEvent<?> event) {
                happenings.offer("event " + event.getRevision());
            }

            @Override
            public void onRevisionGap(final ThingId thingId, final long last, final long received) {
                happenings.offer("gap " + last + "->" + received);
            }

            @Override
            public void onConnectionLost(final Throwable cause) {
                happenings.offer("lost");
            }

            @Override
            public void onResubscribed() {
                happenings.offer("resubscribed");
            }
        };
        TwinServer server = TwinServer.start(config).get();
        try (DittoClient client = DittoClient.builder(server.httpUri()).basicAuth("ops", "pw").build()) {
            result(client.putThing(org.eclipse.ditto.things.model.Thing.newBuilder().setId(id)
                    .setFeatureProperty("OperationalData", JsonPointer.of("PartsProduced"), JsonValue.of(0)).build(),
                    RequestOptions.none()));
            try (TwinEvents events = result(client.subscribe(EventSubscription.all().namespaces("restart"), listener))) {
                put(client, id, 1);
                assertThat(happenings.poll(10, TimeUnit.SECONDS)).isEqualTo("event 2");

                server.close();
                assertThat(happenings.poll(10, TimeUnit.SECONDS)).isEqualTo("lost");
                server = TwinServer.start(config).get();
                put(client, id, 2); // revision 3: made while the subscription is away, or just after it is back
                String next = happenings.poll(30, TimeUnit.SECONDS);
                while ("lost".equals(next) || "event 3".equals(next)) {
                    next = happenings.poll(30, TimeUnit.SECONDS); // attempts while the server was still starting
                }
                assertThat(next).isEqualTo("resubscribed");
                put(client, id, 3); // revision 4
                String after = happenings.poll(10, TimeUnit.SECONDS);
                if ("event 3".equals(after)) {
                    after = happenings.poll(10, TimeUnit.SECONDS);
                } else if (after != null && after.startsWith("gap")) {
                    assertThat(after).isEqualTo("gap 2->4");
                    after = happenings.poll(10, TimeUnit.SECONDS);
                }
                assertThat(after).isEqualTo("event 4");
            }
        } finally {
            server.close();
        }
    }

    private static void put(final DittoClient client, final ThingId id, final int count) {
        result(client.putFeatureProperty(id, "OperationalData", JsonPointer.of("PartsProduced"), JsonValue.of(count),
                RequestOptions.none()));
    }
}
