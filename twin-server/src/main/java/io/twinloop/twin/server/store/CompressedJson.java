package io.twinloop.twin.server.store;

import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A thing's JSON bytes, deflated (zlib, fastest level): how the store holds things nobody wrote recently and how the
 * snapshot stores every thing. A demo twin's 35 kB of JSON deflate to about a tenth, so 10,000 of them take tens of
 * megabytes of heap instead of hundreds, and a snapshot is read at start without parsing or compressing anything.
 * The zlib stream's own checksum catches corruption when inflating; {@link #crc32()} lets a reader check the
 * compressed bytes without inflating them.
 *
 * @param deflated the zlib stream
 * @param length the JSON's length in bytes
 */
record CompressedJson(byte[] deflated, int length) {

    /** One (de)compressor per thread, reset after each use: creating them costs native memory and time. */
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED));
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(Inflater::new);

    CompressedJson {
        Objects.requireNonNull(deflated, "deflated");
        if (length < 0) {
            throw new IllegalArgumentException("negative length");
        }
    }

    static CompressedJson of(final byte[] json) {
        final Deflater deflater = DEFLATERS.get();
        try {
            deflater.setInput(json);
            deflater.finish();
            byte[] out = new byte[json.length / 6 + 64];
            int size = 0;
            while (!deflater.finished()) {
                if (size == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                size += deflater.deflate(out, size, out.length - size);
            }
            return new CompressedJson(size == out.length ? out : Arrays.copyOf(out, size), json.length);
        } finally {
            deflater.reset();
        }
    }

    /**
     * The JSON bytes.
     *
     * @throws IllegalStateException if the compressed bytes are damaged (checksum or length wrong)
     */
    byte[] inflate() {
        final Inflater inflater = INFLATERS.get();
        try {
            inflater.setInput(deflated);
            final byte[] json = new byte[length];
            int size = 0;
            while (size < length) {
                final int n = inflater.inflate(json, size, length - size);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                size += n;
            }
            // the stream must end exactly here (this also checks its checksum)
            final byte[] beyond = new byte[1];
            if (size != length || (!inflater.finished() && inflater.inflate(beyond) != 0) || !inflater.finished()) {
                throw new IllegalStateException("compressed thing JSON is damaged: it does not hold " + length
                        + " bytes");
            }
            return json;
        } catch (final DataFormatException e) {
            throw new IllegalStateException("compressed thing JSON is damaged: " + e.getMessage(), e);
        } finally {
            inflater.reset();
        }
    }

    /** CRC-32 of the compressed bytes. */
    long crc32() {
        final CRC32 crc = new CRC32();
        crc.update(deflated);
        return crc.getValue();
    }
}
