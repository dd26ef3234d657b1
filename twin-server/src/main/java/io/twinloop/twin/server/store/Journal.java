package io.twinloop.twin.server.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-ahead journal: one {@link JournalEntry} per line, forced to disk before a change is acknowledged.
 * Not thread-safe; the {@link ThingStore} writer thread is its only user.
 */
final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path file;
    private final FileChannel channel;

    private Journal(final Path file, final FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Replays the journal into {@code sink}, cuts off a torn last line (warning) and opens it for appending.
     *
     * @throws StoreCorruptedException if a complete line is not a valid entry
     */
    static Journal openAndReplay(final Path file, final Consumer<JournalEntry> sink) throws IOException {
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            final JsonLines.ReadResult result = JsonLines.read(file, sink);
            if (result.tornTailBytes() > 0) {
                LOG.warn("Ignoring torn last line of {} ({} bytes after the last complete entry): a write was "
                        + "interrupted before it was acknowledged", file, result.tornTailBytes());
                // cut it off, or the next append would glue a valid entry onto the garbage
                channel.truncate(result.completeBytes());
                channel.force(true);
            }
            channel.position(result.completeBytes());
            LOG.debug("Replayed {} entries from {}", result.entries(), file);
            return new Journal(file, channel);
        } catch (final IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Appends the lines (each ending with its line break) and returns once they are on disk: one write and one
     * {@code force} for the whole group (group commit). If that fails, the journal is cut back to where it was
     * (best effort), so that the failed group's entries, which nobody was told about, do not appear after a restart.
     */
    void append(final List<byte[]> lines) throws IOException {
        ForcedAppend.append(channel, lines);
    }

    /** Empties the journal, after a snapshot made its content redundant. */
    void truncate() throws IOException {
        channel.truncate(0);
        channel.position(0);
        channel.force(true);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
