package io.twinloop.twin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.junit.jupiter.api.Test;

/**
 * Connections to a peer that stops answering: the heartbeat gives them up, pending commands fail naming their
 * correlation ids, event subscriptions reconnect. Against {@link SilentPeer}, a real TCP server that upgrades and
 * then goes quiet.
 */
class HeartbeatTest {

    private static final TwinPath SPEED = TwinPath.thing(ThingId.of("org.acme:press-1"))
            .property("spindle", JsonPointer.of("speed"));
    private static final Heartbeat FAST = Heartbeat.of(Duration.ofMillis(100), Duration.ofMillis(400));

    private static DittoClient client(final SilentPeer peer) {
        return DittoClient.builder(peer.uri()).basicAuth("ditto", "s3cret").heartbeat(FAST)
                .requestTimeout(Duration.ofSeconds(60)).build();
    }

    @Test
    void pendingCommandsFailWhenTheHeartbeatFindsThePeerDead() throws Exception {
        try (SilentPeer peer = new SilentPeer(null); DittoClient client = client(peer);
                TwinCommands commands = client.openCommands().get(10, TimeUnit.SECONDS)) {
            final CompletableFuture<TwinResponse> pending = commands.modify(SPEED, JsonValue.of(1),
                    RequestOptions.none().correlationId("c-lost"));

            assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(CommandUnansweredException.class, e -> {
                        assertThat(e.correlationId()).isEqualTo("c-lost");
                        assertThat(e).hasMessageContaining("modify org.acme:press-1/features/spindle/properties/speed")
                                .hasMessageContaining("c-lost")
                                .hasMessageContaining("considered dead");
                    });
            assertThat(commands.inFlight()).isZero();
        }
    }

    @Test
    void pendingCommandsFailWhenTheServerDropsTheConnection() throws Exception {
        try (SilentPeer peer = new SilentPeer(null);
                DittoClient client = DittoClient.builder(peer.uri()).basicAuth("ditto", "s3cret").build();
                TwinCommands commands = client.openCommands().get(10, TimeUnit.SECONDS)) {
            final CompletableFuture<TwinResponse> first = commands.retrieve(SPEED,
                    RequestOptions.none().correlationId("c-1"));
            final CompletableFuture<TwinResponse> second = commands.delete(SPEED,
                    RequestOptions.none().correlationId("c-2"));
            assertThat(peer.awaitFrame(10)).isTrue();

            peer.dropConnections();

            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(CommandUnansweredException.class).hasMessageContaining("c-1");
            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(CommandUnansweredException.class).hasMessageContaining("c-2")
                    .hasMessageContaining("delete");
        }
    }

    @Test
    void aCommandWithoutResponseFailsAfterItsTimeoutWithTheCorrelationId() throws Exception {
        try (SilentPeer peer = new SilentPeer(null);
                DittoClient client = DittoClient.builder(peer.uri()).basicAuth("ditto", "s3cret")
                        .requestTimeout(Duration.ofMillis(200)).build();
                TwinCommands commands = client.openCommands().get(10, TimeUnit.SECONDS)) {
            final CompletableFuture<TwinResponse> pending = commands.retrieve(SPEED,
                    RequestOptions.none().correlationId("c-slow"));
            assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(CommandUnansweredException.class)
                    .hasMessageContaining("c-slow").hasMessageContaining("no response within 200 ms");
        }
    }

    @Test
    void commandsBeyondTheInFlightLimitAreRefusedAtOnce() throws Exception {
        try (SilentPeer peer = new SilentPeer(null);
                DittoClient client = DittoClient.builder(peer.uri()).basicAuth("ditto", "s3cret")
                        .maxCommandsInFlight(2).build();
                TwinCommands commands = client.openCommands().get(10, TimeUnit.SECONDS)) {
            commands.retrieve(SPEED, RequestOptions.none());
            commands.retrieve(SPEED, RequestOptions.none());
            assertThatThrownBy(() -> commands.retrieve(SPEED, RequestOptions.none()).join()).cause()
                    .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("2 commands");
            assertThat(commands.inFlight()).isEqualTo(2);
        }
    }

    @Test
    void aSilentEventConnectionIsGivenUpAndReconnected() throws Exception {
        final BlockingQueue<Throwable> lost = new LinkedBlockingQueue<>();
        try (SilentPeer peer = new SilentPeer("START-SEND-EVENTS:ACK"); DittoClient client = client(peer)) {
            final TwinEvents events = client.subscribe(EventSubscription.all(), new TwinEventListener() {
                @Override
                public void onEvent(final ThingEvent<?> event) {
                }

                @Override
                public void onConnectionLost(final Throwable cause) {
                    lost.add(cause);
                }
            }).get(10, TimeUnit.SECONDS);
            try {
                final Throwable first = lost.poll(10, TimeUnit.SECONDS);
                assertThat(first).isNotNull().hasMessageContaining("considered dead");
                // the peer accepts again and goes silent again: the subscription keeps trying
                assertThat(lost.poll(10, TimeUnit.SECONDS)).isNotNull().hasMessageContaining("considered dead");
            } finally {
                events.close();
            }
        }
    }

    @Test
    void deadAfterMustExceedThePingInterval() {
        assertThatThrownBy(() -> Heartbeat.of(Duration.ofSeconds(10), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
