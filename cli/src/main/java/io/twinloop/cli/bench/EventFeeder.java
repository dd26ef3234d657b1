package io.twinloop.cli.bench;

import java.io.BufferedOutputStream;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.events.FeaturePropertyModified;

/**
 * A {@code /ws/2} stand-in that answers {@code START-SEND-EVENTS} and then writes pre-rendered twin events (Ditto's
 * adapter, the shape a property modification produces) as fast as the client reads them, so the figure is the
 * client's own ceiling, not the server's write rate. One connection at a time; plain sockets, blocking writes:
 * TCP flow control is the only backpressure, as with a real server.
 */
final class EventFeeder implements AutoCloseable {

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int DISTINCT_EVENTS = 4096;

    private final ServerSocket server;
    private final List<byte[]> frames;

    EventFeeder() throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.frames = renderFrames();
        final Thread acceptor = new Thread(this::serve, "event-feeder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Bytes of one event frame on the wire, on average. */
    int averageFrameBytes() {
        return (int) frames.stream().mapToInt(f -> f.length).average().orElse(0);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                feed(socket);
            } catch (final IOException | NoSuchAlgorithmException clientGone) {
                // the client closed: wait for the next one
            }
        }
    }

    private void feed(final Socket socket) throws IOException, NoSuchAlgorithmException {
        final InputStream in = socket.getInputStream();
        final String key = upgradeKey(in);
        final Thread drain = new Thread(() -> {
            try {
                in.transferTo(OutputStream.nullOutputStream()); // the subscription, pings, the close frame
            } catch (final IOException ignored) {
                // closed
            }
        }, "event-feeder-reader");
        drain.setDaemon(true);
        drain.start();
        final OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(frame("START-SEND-EVENTS:ACK"));
        out.flush();
        while (true) {
            for (final byte[] frame : frames) {
                out.write(frame);
            }
        }
    }

    private static List<byte[]> renderFrames() {
        final DittoProtocolAdapter adapter = DittoProtocolAdapter.newInstance();
        final List<byte[]> frames = new ArrayList<>(DISTINCT_EVENTS);
        for (int i = 0; i < DISTINCT_EVENTS; i++) {
            final FeaturePropertyModified event = FeaturePropertyModified.of(ThingId.of("bench:feed-" + i),
                    "OperationalData", JsonPointer.of("PartsProduced"), JsonValue.of(i), 2,
                    Instant.now(), DittoHeaders.newBuilder().correlationId(String.format(Locale.ROOT,
                            "twinloop-feed-%08d", i)).build(), null);
            frames.add(frame(ProtocolFactory.wrapAsJsonifiableAdaptable(adapter.toAdaptable(event)).toJsonString()));
        }
        return frames;
    }

    /** An unmasked text frame, as servers send them (RFC 6455 section 5.2). */
    private static byte[] frame(final String text) {
        final byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        final int header = payload.length < 126 ? 2 : (payload.length < 65_536 ? 4 : 10);
        final byte[] frame = new byte[header + payload.length];
        frame[0] = (byte) 0x81; // FIN, text
        if (header == 2) {
            frame[1] = (byte) payload.length;
        } else if (header == 4) {
            frame[1] = 126;
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) payload.length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, payload.length);
        return frame;
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
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII)));
    }
}
