package io.twinloop.twin.server.http;

import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;

/**
 * The server's one instance of Ditto's protocol adapter, made when first needed: making one builds Ditto's whole
 * set of signal adapters (about a tenth of a second of a cold start), and the events, the WebSocket commands and
 * the sessions all use the same, stateless one.
 */
public final class ProtocolAdapter {

    private ProtocolAdapter() {}

    public static DittoProtocolAdapter get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final DittoProtocolAdapter INSTANCE = DittoProtocolAdapter.newInstance();
    }
}
