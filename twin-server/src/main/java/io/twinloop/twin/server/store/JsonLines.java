package io.twinloop.twin.server.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
     * @throws StoreCorruptedException naming file and line if a complete line does not parse
     */
    static ReadResult read(final Path file, final Consumer<JournalEntry> sink) throws IOException {
        long lineNumber = 0;
        long entries = 0;
        long completeBytes = 0;
        final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            int b;
            while ((b = in.read()) != -1) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                lineNumber++;
                completeBytes += line.size() + 1;
                final String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (text.isBlank()) {
                    continue;
                }
                final JournalEntry entry;
                try {
                    entry = JournalEntry.fromJsonLine(text);
                } catch (final RuntimeException e) {
                    throw new StoreCorruptedException(file, lineNumber, e);
                }
                sink.accept(entry);
                entries++;
            }
        }
        return new ReadResult(entries, completeBytes, line.size());
    }
}
