package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket protocol around the messages, as the server's own frame-level session handling meets it: messages
 * in several frames, pings, and the close handshake from either side.
 */
class WebSocketFramesTest extends WebSocketTestSupport {

    private static final String MODIFY = "{\"topic\":\"org.example/machine-1/things/twin/commands/modify\","
            + "\"path\":\"/features/spindle/properties/speed\",\"headers\":{\"correlation-id\":\"c-frames\"},"
            + "\"value\":1500}";

    @Test
    void aCommandSentInSeveralFramesIsOneMessage() throws Exception {
        createThing();
        final WebSocketClient client = connect();
        final int third = MODIFY.length() / 3;
        client.socket.sendText(MODIFY.substring(0, third), false).join();
        client.socket.sendText(MODIFY.substring(third, 2 * third), false).join();
        client.socket.sendText(MODIFY.substring(2 * third), true).join();

        final JsonObject response = client.nextJson();
        assertThat(response.getValue("headers/correlation-id").orElseThrow().asString()).isEqualTo("c-frames");
        assertThat(response.getValue("status").orElseThrow().asInt()).isEqualTo(204);
        assertThat(value(get(THING + "/features/spindle/properties/speed")).asInt()).isEqualTo(1500);
        // the next whole message is read on its own again
        client.send("START-SEND-EVENTS");
        assertThat(client.next()).isEqualTo("START-SEND-EVENTS:ACK");
    }

    @Test
    void aPingIsAnsweredWithItsData() throws Exception {
        final WebSocketClient client = connect();
        client.socket.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))).join();

        assertThat(client.pongs.poll(10, TimeUnit.SECONDS)).isEqualTo("are you there");
    }

    @Test
    void aClientsCloseIsAnsweredAndTheOtherSessionsGoOn() throws Exception {
        createThing();
        final WebSocketClient leaving = connect();
        final WebSocketClient staying = connect();
        leaving.send("START-SEND-EVENTS");
        staying.send("START-SEND-EVENTS");
        assertThat(leaving.next()).isEqualTo("START-SEND-EVENTS:ACK");
        assertThat(staying.next()).isEqualTo("START-SEND-EVENTS:ACK");

        leaving.socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").join();
        assertThat(leaving.closed.get(10, TimeUnit.SECONDS).status()).isEqualTo(java.net.http.WebSocket.NORMAL_CLOSURE);

        assertThat(put(THING + "/attributes/shift", "\"late\"").statusCode()).isBetween(200, 299);
        assertThat(staying.next()).contains("/attributes/shift");
        leaving.expectNothing(200);
    }

    @Test
    void aServerStoppingClosesItsSessionsNormally() throws Exception {
        final WebSocketClient client = connect();
        client.send("START-SEND-EVENTS");
        assertThat(client.next()).isEqualTo("START-SEND-EVENTS:ACK");

        server.close();

        assertThat(client.closed.get(10, TimeUnit.SECONDS).status()).isEqualTo(java.net.http.WebSocket.NORMAL_CLOSURE);
    }
}
