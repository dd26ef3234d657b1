package io.twinloop.twin.server.policy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PolicyId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.twin.server.store.ForcedAppend;
import io.twinloop.twin.server.store.JsonScanner;
import io.twinloop.twin.server.store.StoreCorruptedException;

/**
 * The policies' file: one line per change, {@code {"policyId":…,"revision":N,"policy":{…}}} or, for a deletion,
 * {@code {"policyId":…,"revision":N,"deleted":true}}, forced to disk before a change is acknowledged. Policies
 * change rarely (an import writes one per thing), so the file is small enough to be read whole and rewritten
 * (compacted) when it holds many superseded lines.
 */
final class PolicyJournal implements AutoCloseable {

    static final String FILE = "policies.jsonl";
    private static final java.util.Set<String> POLICY_IDENTITY = java.util.Set.of("policyId", "_revision");

    private static final Logger LOG = LoggerFactory.getLogger(PolicyJournal.class);

    private final Path file;
    private final FileChannel channel;

    private PolicyJournal(final Path file, final FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Replays every line into {@code sink} (policy id, and the policy or null for a deletion marker with its
     * revision), drops a torn last line (a write a crash interrupted, never acknowledged) and opens for appending.
     *
     * @return the number of lines replayed
     * @throws StoreCorruptedException naming the file and line if a complete line is not a valid entry
     */
    static PolicyJournal openAndReplay(final Path directory, final BiConsumer<PolicyId, Replayed> sink)
            throws IOException {
        final Path file = directory.resolve(FILE);
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            final byte[] content = Files.readAllBytes(file);
            int complete = content.length;
            while (complete > 0 && content[complete - 1] != '\n') {
                complete--;
            }
            if (complete < content.length) {
                LOG.warn("Ignoring torn last line of {} ({} bytes after the last complete entry)", file,
                        content.length - complete);
                channel.truncate(complete);
                channel.force(true);
            }
            replay(file, content, complete, sink);
            channel.position(channel.size());
            return new PolicyJournal(file, channel);
        } catch (final IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A replayed line: the policy's JSON, or null for a deletion, and the line's revision. */
    record Replayed(String policyJson, long revision) {}

    /**
     * Reads the lines of {@code content[0, complete)} with the store's validating scanner, which builds no JSON
     * objects: at start every policy (one per thing after an import) is read, and parsing each into Ditto JSON took
     * most of the start-up time with 10,000 things.
     */
    private static void replay(final Path file, final byte[] content, final int complete,
            final BiConsumer<PolicyId, Replayed> sink) {
        long lineNumber = 0;
        int lineStart = 0;
        for (int i = 0; i < complete; i++) {
            if (content[i] != '\n') {
                continue;
            }
            lineNumber++;
            final int start = lineStart;
            lineStart = i + 1;
            if (isBlank(content, start, i)) {
                continue;
            }
            try {
                final Map<String, JsonScanner.Span> entry = JsonScanner.members(content, start, i);
                final PolicyId id = PolicyId.of(JsonScanner.string(content, required(entry, "policyId")));
                final long revision = integer(content, required(entry, "revision"), "revision");
                final JsonScanner.Span deleted = entry.get("deleted");
                final boolean isDeletion = deleted != null && deleted.end() - deleted.start() == 4
                        && content[deleted.start()] == 't';
                final String policy = isDeletion ? null
                        : checkedPolicyJson(content, required(entry, "policy"), id, revision);
                sink.accept(id, new Replayed(policy, revision));
            } catch (final RuntimeException e) {
                throw new StoreCorruptedException(file, lineNumber, e);
            }
        }
    }

    private static boolean isBlank(final byte[] bytes, final int start, final int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static JsonScanner.Span required(final Map<String, JsonScanner.Span> members, final String key) {
        final JsonScanner.Span span = members.get(key);
        if (span == null) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return span;
    }

    private static long integer(final byte[] bytes, final JsonScanner.Span span, final String name) {
        try {
            return JsonScanner.integer(bytes, span);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' is not an integer");
        }
    }

    /**
     * The policy's JSON, checked for what the store relies on (its id and revision) but not built into a Ditto
     * policy: that happens when it is first used (see {@link StoredPolicy}).
     */
    private static String checkedPolicyJson(final byte[] bytes, final JsonScanner.Span span, final PolicyId id,
            final long revision) {
        if (bytes[span.start()] != '{') {
            throw new IllegalArgumentException("'policy' is not an object");
        }
        // the line was validated whole: only its id and revision are looked up, in front of its entries
        final Map<String, JsonScanner.Span> policy = JsonScanner.leadingMembers(bytes, span.start(), span.end(),
                POLICY_IDENTITY);
        final String policyId = JsonScanner.string(bytes, required(policy, "policyId"));
        final long policyRevision = integer(bytes, required(policy, "_revision"), "_revision");
        if (!id.toString().equals(policyId) || policyRevision != revision) {
            throw new IllegalArgumentException("the policy's id/_revision (" + policyId + "/" + policyRevision
                    + ") do not match the entry's (" + id + "/" + revision + ")");
        }
        return new String(bytes, span.start(), span.end() - span.start(), StandardCharsets.UTF_8);
    }

    /** @param policyJsonOrNull the policy's JSON (with its special fields), null for a deletion */
    static byte[] line(final PolicyId policyId, final long revision, final String policyJsonOrNull) {
        final String head = "{\"policyId\":" + JsonValue.of(policyId.toString()) + ",\"revision\":" + revision;
        final String line = policyJsonOrNull == null ? head + ",\"deleted\":true}\n"
                : head + ",\"policy\":" + policyJsonOrNull + "}\n";
        return line.getBytes(StandardCharsets.UTF_8);
    }

    /** Appends the line and returns once it is on disk; on failure the file is cut back to where it was. */
    void append(final byte[] line) throws IOException {
        ForcedAppend.append(channel, List.of(line));
    }

    /**
     * Replaces the file's content with {@code lines} (one per policy or deletion marker): written to a temporary
     * file, forced and moved over the journal atomically, so a crash leaves either the old or the new file.
     *
     * @return the journal to append to from now on (this one is closed)
     */
    PolicyJournal compact(final Collection<byte[]> lines) throws IOException {
        final Path temp = file.resolveSibling(FILE + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (final byte[] line : lines) {
                final ByteBuffer bytes = ByteBuffer.wrap(line);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            out.force(true);
        }
        channel.close();
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        final FileChannel reopened = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        reopened.position(reopened.size());
        return new PolicyJournal(file, reopened);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
