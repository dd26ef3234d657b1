package io.twinloop.twin.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a file of {@link JournalEntry} lines, streaming (a journal may be large). Every line must end with a line
 * break: an entry is written together with its line break in one write, so a last segment without one is a write
 * that a crash interrupted and that was never acknowledged.
 */
final class JsonLines {

    /**
     * What reading found.
     *
     * @param entries number of entries read
     * @param completeBytes length of the prefix made of complete lines
     * @param tornTailBytes bytes after the last complete line (0 if none)
     */
    record ReadResult(long entries, long completeBytes, long tornTailBytes) {}

    private JsonLines() {}

    /**
     * @throws StoreCorruptedException naming file and line if a complete line does not parse or {@code sink}
     *         refuses it
     */
    static ReadResult read(final Path file, final Consumer<JournalEntry> sink) throws IOException {
        return read(file, 0, Long.MAX_VALUE, sink);
    }

    /**
     * Reads the lines in {@code file[start, end)}, where {@code start} is the start of a line (so that regions of
     * one file can be read in parallel). A corrupt line is named by its line number in the whole file.
     */
    static ReadResult read(final Path file, final long start, final long end, final Consumer<JournalEntry> sink)
            throws IOException {
        long lineNumber = 0;
        long entries = 0;
        long completeBytes = 0;
        byte[] buffer = new byte[1 << 20];
        int filled = 0;
        int lineStart = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             InputStream in = limited(Channels.newInputStream(channel.position(start)), end - start)) {
            while (true) {
                if (filled == buffer.length) {
                    if (lineStart > 0) {
                        // move the incomplete line to the front
                        System.arraycopy(buffer, lineStart, buffer, 0, filled - lineStart);
                        filled -= lineStart;
                        lineStart = 0;
                    } else {
                        buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    }
                }
                final int scanFrom = filled;
                final int read = in.read(buffer, filled, buffer.length - filled);
                if (read < 0) {
                    break;
                }
                filled += read;
                for (int i = scanFrom; i < filled; i++) {
                    if (buffer[i] != '\n') {
                        continue;
                    }
                    lineNumber++;
                    completeBytes += i - lineStart + 1;
                    if (!isBlank(buffer, lineStart, i)) {
                        try {
                            // the sink's refusals (e.g. a delta without the thing it changes) name the line, too
                            sink.accept(JournalEntry.fromJsonLine(buffer, lineStart, i));
                        } catch (final RuntimeException e) {
                            throw new StoreCorruptedException(file, linesBefore(file, start) + lineNumber, e);
                        }
                        entries++;
                    }
                    lineStart = i + 1;
                }
            }
        }
        return new ReadResult(entries, completeBytes, filled - lineStart);
    }

    /** Line breaks before {@code offset}: only counted for an error's message, so the file is read again. */
    private static long linesBefore(final Path file, final long offset) throws IOException {
        if (offset == 0) {
            return 0;
        }
        long lines = 0;
        try (InputStream in = limited(Files.newInputStream(file), offset)) {
            final byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    private static InputStream limited(final InputStream in, final long bytes) {
        return new java.io.FilterInputStream(in) {
            private long left = bytes;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                final int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(final byte[] b, final int off, final int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                final int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    private static boolean isBlank(final byte[] bytes, final int start, final int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
