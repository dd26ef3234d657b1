package io.twinloop.twin.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A peer that plays dead: a plain TCP server that accepts the WebSocket upgrade (and can send one text frame, e.g.
 * {@code START-SEND-EVENTS:ACK}), then reads and ignores everything, answering no ping. This is what a client sees
 * of a server behind a half-open connection or a hung proxy. It can also drop its connections, as a crashing
 * server would.
 */
final class SilentPeer implements AutoCloseable {

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final String greeting;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstFrame = new CountDownLatch(1);

    /** @param greeting text sent right after the upgrade, or null for none */
    SilentPeer(final String greeting) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.greeting = greeting;
        final Thread acceptor = new Thread(this::acceptLoop, "silent-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Waits until a client has sent at least one frame after its upgrade (e.g. a command). */
    boolean awaitFrame(final long seconds) throws InterruptedException {
        return firstFrame.await(seconds, TimeUnit.SECONDS);
    }

    /** Drops every connection without a close frame, as a crashed server does. */
    void dropConnections() throws IOException {
        for (final Socket socket : connections) {
            socket.close();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                final Socket socket = server.accept();
                connections.add(socket);
                final Thread reader = new Thread(() -> serve(socket), "silent-peer-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (final IOException closed) {
                return;
            }
        }
    }

    private void serve(final Socket socket) {
        try (socket) {
            final InputStream in = socket.getInputStream();
            final String key = upgradeKey(in);
            final OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            if (greeting != null) {
                final byte[] text = greeting.getBytes(StandardCharsets.UTF_8);
                out.write(0x81); // FIN + text frame; server frames are not masked
                out.write(text.length); // short greetings only (< 126 bytes)
                out.write(text);
            }
            out.flush();
            final byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (read > 0) {
                    firstFrame.countDown();
                }
            }
        } catch (final IOException | NoSuchAlgorithmException dropped) {
            // the test dropped the connection, or the client went away
        }
    }

    private static String upgradeKey(final InputStream in) throws IOException {
        final StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            final int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed during the upgrade");
            }
            head.append((char) c);
        }
        for (final String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new IOException("no Sec-WebSocket-Key in the upgrade request");
    }

    private static String accept(final String key) throws NoSuchAlgorithmException {
        final byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
    }
}
