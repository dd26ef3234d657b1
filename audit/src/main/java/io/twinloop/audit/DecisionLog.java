package io.twinloop.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The decision log an agent appends to: one JSON line per {@link SignedEntry}, each chained to the one before by its
 * hash and signed with the agent's key, made durable (fsync) before {@link #append} returns, with the signed
 * {@link Head} beside it (replaced at most every {@code headInterval}, default 1 s, and at close). One writer at a time (a file lock; a second one, in this process or another, is refused).
 *
 * <p>Opening continues the chain after the last entry. A last line cut short by a crash during its append (that
 * append never returned) is moved to {@code <log>.torn-<millis>} and the log continues after the last whole entry;
 * any other unreadable last line refuses the open, since appending to a damaged chain would hide the damage.
 */
public final class DecisionLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
    private static final int TAIL_CHUNK = 64 * 1024;
    public static final Duration DEFAULT_HEAD_INTERVAL = Duration.ofSeconds(1);

    private final Path file;
    private final AgentKey key;
    private final Clock clock;
    private final FileChannel channel;
    private final FileLock lock;
    private final Duration headInterval;
    private long lastSequence;
    private String lastHash;
    private long headSequence;
    private Instant headWritten = Instant.MIN;

    private DecisionLog(final Path file, final AgentKey key, final Clock clock, final FileChannel channel,
            final FileLock lock, final Duration headInterval) {
        this.file = file;
        this.key = key;
        this.clock = clock;
        this.channel = channel;
        this.lock = lock;
        this.headInterval = headInterval;
    }

    public static DecisionLog open(final Path file, final AgentKey key) {
        return open(file, key, Clock.systemUTC());
    }

    public static DecisionLog open(final Path file, final AgentKey key, final Clock clock) {
        return open(file, key, clock, DEFAULT_HEAD_INTERVAL);
    }

    /**
     * @param headInterval how often at most the signed head is replaced (and always at close): each head costs a
     * signature, and entries appended since the last head are the ones whose removal from the end it cannot show
     */
    public static DecisionLog open(final Path file, final AgentKey key, final Clock clock,
            final Duration headInterval) {
        Objects.requireNonNull(key, "key");
        FileChannel channel = null;
        try {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            final FileLock lock = lockOf(channel, file);
            final DecisionLog log = new DecisionLog(file, key, clock, channel, lock, headInterval);
            log.continueChain();
            LOG.info("decision log open: file={} entries={} agent={} keyId={}", file.toAbsolutePath(),
                    log.lastSequence, key.agent(), key.keyId());
            return log;
        } catch (final IOException e) {
            closeQuietly(channel);
            throw new AuditLogException("cannot open the decision log " + file + ": " + e, e);
        } catch (final RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock lockOf(final FileChannel channel, final Path file) throws IOException {
        try {
            final FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (final OverlappingFileLockException e) {
            // held in this process
        }
        throw new AuditLogException("the decision log " + file + " is in use by another writer (it is locked)");
    }

    /** Finds the last whole entry, setting aside a torn last line. */
    private void continueChain() throws IOException {
        final long size = channel.size();
        if (size == 0) {
            lastSequence = 0;
            lastHash = AuditEntry.GENESIS;
            return;
        }
        long end = size;
        if (byteAt(size - 1) != '\n') {
            final long lineStart = lineStartBefore(size);
            setAsideTorn(lineStart, size);
            end = lineStart;
        }
        if (end == 0) {
            lastSequence = 0;
            lastHash = AuditEntry.GENESIS;
            return;
        }
        final long lineStart = lineStartBefore(end - 1);
        final String line = read(lineStart, end - 1);
        final SignedEntry last;
        try {
            last = SignedEntry.parse(line);
        } catch (final IllegalArgumentException e) {
            throw new AuditLogException("the last entry of the decision log " + file + " (at byte " + lineStart
                    + ") cannot be read: " + e.getMessage() + "; check the log with 'twinloop audit verify'");
        }
        lastSequence = last.entry().sequence();
        lastHash = last.entry().hash();
        final Head head = Head.read(file).orElse(null);
        headSequence = head == null ? 0 : head.sequence();
        if (head != null && head.sequence() > lastSequence) {
            // appending would replace the head and hide that entries were cut off
            throw new AuditLogException("the decision log " + file + " ends at entry " + lastSequence + " but its head "
                    + "says " + head.sequence() + ": entries were removed from its end; check the log with "
                    + "'twinloop audit verify'");
        }
    }

    private void setAsideTorn(final long from, final long to) throws IOException {
        final Path aside = file.resolveSibling(file.getFileName() + ".torn-" + clock.millis());
        Files.write(aside, read(from, to).getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW);
        channel.truncate(from);
        channel.force(true);
        LOG.warn("decision log ended in an incomplete entry (an append interrupted by a crash), set aside: file={} "
                + "bytes={} asideIn={}", file.toAbsolutePath(), to - from, aside.toAbsolutePath());
    }

    private byte byteAt(final long position) throws IOException {
        final ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, position);
        return one.get(0);
    }

    /** The position after the last newline before {@code end} (0 if none). */
    private long lineStartBefore(final long end) throws IOException {
        long chunkEnd = end;
        while (chunkEnd > 0) {
            final long chunkStart = Math.max(0, chunkEnd - TAIL_CHUNK);
            final ByteBuffer chunk = ByteBuffer.allocate((int) (chunkEnd - chunkStart));
            channel.read(chunk, chunkStart);
            for (int i = chunk.position() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return chunkStart + i + 1;
                }
            }
            chunkEnd = chunkStart;
        }
        return 0;
    }

    private String read(final long from, final long to) throws IOException {
        final ByteBuffer bytes = ByteBuffer.allocate((int) (to - from));
        while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) >= 0) {
            // until full
        }
        return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    }

    /**
     * Appends an entry and makes it durable. Either the whole entry is in the log when this returns, or (on an I/O
     * error) nothing of it is and the error is thrown.
     */
    public synchronized SignedEntry append(final String kind, final String decisionId, final ObjectNode body) {
        if (!channel.isOpen()) {
            throw new AuditLogException("the decision log " + file + " is closed");
        }
        final AuditEntry entry = new AuditEntry(lastSequence + 1, clock.instant(), kind, decisionId, key.agent(),
                key.keyId(), lastHash, body);
        final SignedEntry signed = SignedEntry.sign(entry, key);
        final ByteBuffer line = ByteBuffer.wrap((signed.toLine() + "\n").getBytes(StandardCharsets.UTF_8));
        long size = -1;
        try {
            size = channel.size();
            while (line.hasRemaining()) {
                channel.write(line, size + line.position());
            }
            channel.force(false);
        } catch (final IOException e) {
            undo(size);
            throw new AuditLogException("cannot append to the decision log " + file + ": " + e, e);
        }
        lastSequence = entry.sequence();
        lastHash = signed.hash();
        if (!entry.time().isBefore(headWritten.plus(headInterval))) {
            writeHead();
        }
        return signed;
    }

    private void writeHead() {
        if (headSequence == lastSequence) {
            return;
        }
        try {
            Head.sign(lastSequence, lastHash, key).write(file);
            headSequence = lastSequence;
            headWritten = clock.instant();
        } catch (final IOException e) {
            // the entries are durable; an older head only leaves more of the end unconfirmed
            LOG.warn("decision log head not updated: file={} sequence={} error=\"{}\"", file, lastSequence, e);
        }
    }

    private void undo(final long size) {
        if (size < 0) {
            return;
        }
        try {
            channel.truncate(size);
        } catch (final IOException e) {
            LOG.error("decision log could not be cut back after a failed append; 'twinloop audit verify' will show "
                    + "the incomplete entry: file={} size={} error=\"{}\"", file, size, e.toString());
        }
    }

    public synchronized long lastSequence() {
        return lastSequence;
    }

    public synchronized String lastHash() {
        return lastHash;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        if (channel.isOpen()) {
            writeHead();
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (final IOException e) {
            LOG.debug("releasing the decision log lock failed: {}", e.toString());
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(final FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (final IOException e) {
                LOG.debug("closing the decision log failed: {}", e.toString());
            }
        }
    }
}
