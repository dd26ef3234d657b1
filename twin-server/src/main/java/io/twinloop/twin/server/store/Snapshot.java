package io.twinloop.twin.server.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * All things (and deletion markers, so that revisions keep counting after a delete) in one file of
 * {@link JournalEntry} lines. Written to a temporary file, forced, then atomically moved over the old snapshot, so a
 * reader sees either the old or the new snapshot, never a partial one.
 */
final class Snapshot {

    private Snapshot() {}

    /** Reads the snapshot if it exists. Any defect is corruption: snapshots are never torn. */
    static void read(final Path file, final Consumer<JournalEntry> sink) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        final JsonLines.ReadResult result = JsonLines.read(file, sink);
        if (result.tornTailBytes() > 0) {
            throw new StoreCorruptedException(file, 0,
                    new IllegalStateException("incomplete last line (" + result.tornTailBytes() + " bytes)"));
        }
    }

    static void write(final Path file, final Iterable<JournalEntry> entries) throws IOException {
        final Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            final OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024);
            for (final JournalEntry entry : entries) {
                out.write(entry.toJsonLine());
            }
            out.flush();
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(file.getParent());
    }

    /** Makes the rename durable; not every platform can open a directory, which is then tolerated. */
    private static void forceDirectory(final Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (final IOException | UnsupportedOperationException ignored) {
            // best effort (e.g. Windows)
        }
    }
}
