package io.twinloop.twin.server.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

import org.eclipse.ditto.things.model.ThingId;

/**
 * All things (and deletion markers, so that revisions keep counting after a delete) in one binary file, the
 * snapshot format since format 4 ({@code snapshot.bin}). The things are the deflated JSON bytes the store holds
 * anyway, so loading is copying them; the JSON lines of earlier formats spent most of a start scanning and decoding
 * the Base64 text of those bytes. Written to a temporary file, forced, then atomically moved over the old
 * snapshot, so a reader sees either the old or the new snapshot, never a partial one.
 * <p>
 * Layout (big-endian, {@link DataOutputStream}): the 8 bytes {@code TWINSNAP}, a format number (int, 1), then one
 * record per thing: a kind byte ({@code 1} a thing, {@code 2} a deletion), the thing id (modified UTF-8 with its
 * length, {@link DataOutputStream#writeUTF}), revision (long), timestamp (epoch second long, nanosecond int); a
 * thing then has its JSON's length in bytes (int), the deflated bytes' length (int), those bytes and their CRC-32
 * (int). A kind byte {@code 0} and the number of records (long) end the file; a file without that end is refused.
 */
final class BinarySnapshot {

    static final String FILE = "snapshot.bin";

    private static final byte[] MAGIC = "TWINSNAP".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;
    private static final int END = 0;
    private static final int THING = 1;
    private static final int DELETION = 2;
    private static final int BUFFER = 1 << 20;

    private BinarySnapshot() {}

    /**
     * Reads the snapshot if it exists, in order. Any defect is corruption (snapshots are never torn): a
     * {@link StoreCorruptedException} names the file and the record (counted from 1).
     */
    static void read(final Path file, final Consumer<JournalEntry> sink) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        long record = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER))) {
            final byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("not a TwinLoop snapshot (no TWINSNAP header)");
            }
            final int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("snapshot format " + format + " is not known to this version");
            }
            while (true) {
                record++;
                final int kind = in.readUnsignedByte();
                if (kind == END) {
                    final long count = in.readLong();
                    if (count != record - 1) {
                        throw new IllegalArgumentException("the end says " + count + " records, " + (record - 1)
                                + " were read");
                    }
                    if (in.read() >= 0) {
                        throw new IllegalArgumentException("bytes after the end of the snapshot");
                    }
                    return;
                }
                sink.accept(entry(in, kind));
            }
        } catch (final EOFException e) {
            throw new StoreCorruptedException(file, record, new IllegalArgumentException(
                    "the snapshot ends in record " + record + " without its end marker", e), "record");
        } catch (final IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw new StoreCorruptedException(file, record, e, "record");
        }
    }

    private static JournalEntry entry(final DataInputStream in, final int kind) throws IOException {
        if (kind != THING && kind != DELETION) {
            throw new IllegalArgumentException("unknown record kind " + kind);
        }
        final ThingId thingId = ThingId.of(in.readUTF());
        final long revision = in.readLong();
        final Instant timestamp = Instant.ofEpochSecond(in.readLong(), in.readInt());
        if (kind == DELETION) {
            return JournalEntry.deleted(thingId, revision, timestamp);
        }
        final int length = in.readInt();
        final int deflatedLength = in.readInt();
        if (length < 0 || deflatedLength < 0) {
            throw new IllegalArgumentException("negative length of thing " + thingId);
        }
        final byte[] deflated = in.readNBytes(deflatedLength);
        if (deflated.length != deflatedLength) {
            throw new EOFException();
        }
        final CompressedJson json = new CompressedJson(deflated, length);
        if ((int) json.crc32() != in.readInt()) {
            throw new IllegalArgumentException("thing " + thingId + " does not match its CRC-32");
        }
        return JournalEntry.whole(thingId, revision, timestamp, json);
    }

    /** Writes whole things (deflated) and deletions; a delta entry is refused. */
    static void write(final Path file, final Iterable<JournalEntry> entries) throws IOException {
        final Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            final DataOutputStream out = new DataOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER));
            out.write(MAGIC);
            out.writeInt(FORMAT);
            long records = 0;
            for (final JournalEntry entry : entries) {
                write(out, entry);
                records++;
            }
            out.writeByte(END);
            out.writeLong(records);
            out.flush();
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Snapshot.forceDirectory(file.getParent());
    }

    private static void write(final DataOutputStream out, final JournalEntry entry) throws IOException {
        if (entry.isDelta()) {
            throw new IllegalArgumentException("a snapshot holds whole things only, not a delta");
        }
        out.writeByte(entry.isDeletion() ? DELETION : THING);
        out.writeUTF(entry.thingId().toString());
        out.writeLong(entry.revision());
        out.writeLong(entry.timestamp().getEpochSecond());
        out.writeInt(entry.timestamp().getNano());
        if (!entry.isDeletion()) {
            final CompressedJson json = entry.compressedThing();
            out.writeInt(json.length());
            out.writeInt(json.deflated().length);
            out.write(json.deflated());
            out.writeInt((int) json.crc32());
        }
    }
}
