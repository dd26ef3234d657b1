package io.twinloop.cli.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * How long appending a line and forcing it to disk takes in the benchmark's data folder: every acknowledged write
 * waits for one such force (shared by a group commit), so its latency bounds the acknowledged latency.
 */
final class DiskProbe {

    private static final int SAMPLES = 100;

    private DiskProbe() {}

    /** E.g. {@code fsync in the data folder: p50 1.9 ms, p99 4.2 ms (100 appends)}. */
    static String measure(final Path folder) throws IOException {
        final Path file = Files.createTempFile(folder, "disk-probe", ".log");
        final long[] nanos = new long[SAMPLES];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            final byte[] line = ("{\"probe\":\"" + "x".repeat(200) + "\"}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int i = 0; i < SAMPLES; i++) {
                final long start = System.nanoTime();
                channel.write(ByteBuffer.wrap(line));
                channel.force(false);
                nanos[i] = System.nanoTime() - start;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        Arrays.sort(nanos);
        return String.format(Locale.ROOT, "fsync in the data folder: p50 %.1f ms, p99 %.1f ms (%d appends)",
                nanos[SAMPLES / 2] / 1e6, nanos[SAMPLES * 99 / 100] / 1e6, SAMPLES);
    }
}
