package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A client that stops reading must not make the server buffer without limit: its session is closed. */
class WebSocketSlowClientTest extends ServerTestSupport {

    private static final int BUFFER = 4;
    private static final int WRITES = 300;

    @Override
    TwinServerConfig config() {
        return super.config().withWebSocketBufferSize(BUFFER);
    }

    @Test
    void slowClientIsDisconnectedInsteadOfBufferedWithoutLimit() throws Exception {
        createThing();
        try (WebSocketClient slow = WebSocketClient.connect(http, server.httpUri(), basic(USER, PASSWORD), false)
                .get(10, TimeUnit.SECONDS);
             WebSocketClient fast = WebSocketClient.connect(http, server.httpUri(), basic(USER, PASSWORD), true)
                .get(10, TimeUnit.SECONDS)) {
            slow.socket.request(1);
            slow.send("START-SEND-EVENTS");
            assertThat(slow.next()).isEqualTo("START-SEND-EVENTS:ACK");
            fast.send("START-SEND-EVENTS");
            assertThat(fast.next()).isEqualTo("START-SEND-EVENTS:ACK");
            // ~60 kB per event: far more than the socket buffers hold, so the server's queue must overflow
            final String big = "\"" + "x".repeat(60_000) + "\"";
            for (int i = 0; i < WRITES; i++) {
                assertThat(put(THING + "/attributes/big", big).statusCode()).isBetween(200, 299);
                // the fast client keeps up and is not affected by the slow one
                assertThat(fast.next()).contains("/attributes/big");
            }
            slow.socket.request(Long.MAX_VALUE);
            final WebSocketClient.Close close;
            try {
                close = slow.closed.get(20, TimeUnit.SECONDS);
                assertThat(close.status()).isNotEqualTo(1000);
                System.out.println("slow client closed: " + close);
            } catch (final ExecutionException e) {
                // a connection cut without a close frame is also a disconnect
                System.out.println("slow client failed: " + e.getCause());
            }
            assertThat(slow.messages.size()).isLessThan(WRITES);
            assertThat(fast.closed).isNotDone();
        }
    }
}
