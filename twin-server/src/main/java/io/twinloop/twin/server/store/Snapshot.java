package io.twinloop.twin.server.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The snapshot of formats 1 to 3 ({@code snapshot.jsonl}): all things (and deletion markers, so that revisions
 * keep counting after a delete) in one file of {@link JournalEntry} lines. Still read when a data directory has no
 * {@link BinarySnapshot} yet; the next snapshot is written as one and replaces it. Written to a temporary file, forced, then atomically moved over the old snapshot, so a
 * reader sees either the old or the new snapshot, never a partial one.
 */
final class Snapshot {

    private Snapshot() {}

    /** Snapshots at least this large are read in parallel regions, one per core (at most four). */
    static final long PARALLEL_BYTES = 32L << 20;

    /**
     * Reads the snapshot if it exists. Any defect is corruption: snapshots are never torn. A large snapshot is
     * read in regions in parallel (it is written whole and its lines are independent: one per thing), so
     * {@code sink} must be thread-safe.
     */
    static void read(final Path file, final Consumer<JournalEntry> sink) throws IOException {
        read(file, sink, PARALLEL_BYTES);
    }

    static void read(final Path file, final Consumer<JournalEntry> sink, final long parallelBytes) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        final long size = Files.size(file);
        final int cores = Math.min(4, Runtime.getRuntime().availableProcessors());
        final List<Long> starts = size < parallelBytes || cores < 2 ? List.of(0L) : lineStarts(file, size, cores);
        final ExecutorService helpers = starts.size() > 1 ? Executors.newFixedThreadPool(starts.size() - 1, r -> {
            final Thread thread = new Thread(r, "twin-store-snapshot-reader");
            thread.setDaemon(true);
            return thread;
        }) : null;
        try {
            final List<Future<JsonLines.ReadResult>> others = new ArrayList<>();
            for (int i = 1; i < starts.size(); i++) {
                final long from = starts.get(i);
                final long to = i + 1 < starts.size() ? starts.get(i + 1) : size;
                others.add(helpers.submit(() -> JsonLines.read(file, from, to, sink)));
            }
            JsonLines.ReadResult last = JsonLines.read(file, 0, starts.size() > 1 ? starts.get(1) : size, sink);
            for (final Future<JsonLines.ReadResult> other : others) {
                last = await(other);
            }
            if (last.tornTailBytes() > 0) {
                throw new StoreCorruptedException(file, 0,
                        new IllegalStateException("incomplete last line (" + last.tornTailBytes() + " bytes)"));
            }
        } finally {
            if (helpers != null) {
                helpers.shutdownNow();
            }
        }
    }

    /** Where the regions begin: at the first line start after each equal share of the file. */
    private static List<Long> lineStarts(final Path file, final long size, final int regions) throws IOException {
        final List<Long> starts = new ArrayList<>(List.of(0L));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            for (int k = 1; k < regions; k++) {
                long position = Math.max(size * k / regions, starts.get(starts.size() - 1));
                long start = -1;
                while (start < 0 && position < size) {
                    buffer.clear();
                    final int read = channel.read(buffer, position);
                    if (read <= 0) {
                        break;
                    }
                    for (int i = 0; i < read; i++) {
                        if (buffer.get(i) == '\n') {
                            start = position + i + 1;
                            break;
                        }
                    }
                    position += read;
                }
                if (start > 0 && start < size && start > starts.get(starts.size() - 1)) {
                    starts.add(start);
                }
            }
        }
        return starts;
    }

    private static JsonLines.ReadResult await(final Future<JsonLines.ReadResult> region) throws IOException {
        try {
            return region.get();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the snapshot", e);
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
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
    static void forceDirectory(final Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (final IOException | UnsupportedOperationException ignored) {
            // best effort (e.g. Windows)
        }
    }
}
