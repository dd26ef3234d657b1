package io.twinloop.twin.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * Appending lines to a log file so that they are on disk when the call returns, or not in the file at all: what
 * both the things' journal and the policies' file need before they acknowledge a change.
 */
public final class ForcedAppend {

    private ForcedAppend() {}

    /**
     * Writes {@code lines} at the channel's position with one write and one {@code force}. If that fails, the file
     * is cut back to where it was (best effort), so that entries nobody was told about do not appear after a
     * restart.
     */
    public static void append(final FileChannel channel, final List<byte[]> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        final long before = channel.position();
        int size = 0;
        for (final byte[] line : lines) {
            size += line.length;
        }
        final ByteBuffer bytes = ByteBuffer.allocate(size);
        lines.forEach(bytes::put);
        bytes.flip();
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            // data only: the file's length is metadata but force(false) still makes the appended bytes durable
            // on Linux (fdatasync flushes the size when it changed)
            channel.force(false);
        } catch (final IOException e) {
            try {
                channel.truncate(before);
                channel.position(before);
            } catch (final IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
