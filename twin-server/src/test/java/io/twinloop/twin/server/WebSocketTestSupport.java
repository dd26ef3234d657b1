package io.twinloop.twin.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;

/** A started server plus authenticated {@code /ws/2} clients that are closed after each test. */
abstract class WebSocketTestSupport extends ServerTestSupport {

    private final List<WebSocketClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(WebSocketClient::close);
    }

    WebSocketClient connect() throws Exception {
        return connect(USER, PASSWORD);
    }

    WebSocketClient connect(final String user, final String password) throws Exception {
        final WebSocketClient client = WebSocketClient.connect(http, server.httpUri(), basic(user, password), true)
                .get(10, TimeUnit.SECONDS);
        clients.add(client);
        return client;
    }
}
