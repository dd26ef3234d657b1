package io.twinloop.twin.server.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.PolicyId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.twin.server.store.ForcedAppend;
import io.twinloop.twin.server.store.StoreCorruptedException;

/**
 * The policies' file: one line per change, {@code {"policyId":…,"revision":N,"policy":{…}}} or, for a deletion,
 * {@code {"policyId":…,"revision":N,"deleted":true}}, forced to disk before a change is acknowledged. Policies
 * change rarely (an import writes one per thing), so the file is small enough to be read whole and rewritten
 * (compacted) when it holds many superseded lines.
 */
final class PolicyJournal implements AutoCloseable {

    static final String FILE = "policies.jsonl";

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
            final String content = Files.readString(file, StandardCharsets.UTF_8);
            final int complete = content.lastIndexOf('\n') + 1;
            if (complete < content.length()) {
                LOG.warn("Ignoring torn last line of {} ({} characters after the last complete entry)", file,
                        content.length() - complete);
                channel.truncate(content.substring(0, complete).getBytes(StandardCharsets.UTF_8).length);
                channel.force(true);
            }
            replay(file, content.substring(0, complete), sink);
            channel.position(channel.size());
            return new PolicyJournal(file, channel);
        } catch (final IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A replayed line: the policy's JSON, or null for a deletion, and the line's revision. */
    record Replayed(String policyJson, long revision) {}

    private static void replay(final Path file, final String content, final BiConsumer<PolicyId, Replayed> sink)
            throws IOException {
        try (BufferedReader lines = new BufferedReader(new StringReader(content))) {
            long lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    final JsonObject entry = JsonFactory.newObject(line);
                    final PolicyId id = PolicyId.of(entry.getValueOrThrow(JsonFactory.newStringFieldDefinition(
                            "policyId")));
                    final long revision = entry.getValueOrThrow(JsonFactory.newLongFieldDefinition("revision"));
                    final boolean deleted = entry.getValue("deleted").filter(v -> v.isBoolean() && v.asBoolean())
                            .isPresent();
                    final String policy = deleted ? null : checkedPolicyJson(entry.getValueOrThrow(
                            JsonFactory.newJsonObjectFieldDefinition("policy")), id, revision);
                    sink.accept(id, new Replayed(policy, revision));
                } catch (final RuntimeException e) {
                    throw new StoreCorruptedException(file, lineNumber, e);
                }
            }
        }
    }

    /**
     * The policy's JSON, checked for what the store relies on (its id and revision) but not built into a Ditto
     * policy: that happens when it is first used (see {@link StoredPolicy}).
     */
    private static String checkedPolicyJson(final JsonObject policy, final PolicyId id, final long revision) {
        final String policyId = policy.getValueOrThrow(Policy.JsonFields.ID);
        final long policyRevision = policy.getValueOrThrow(Policy.JsonFields.REVISION);
        if (!id.toString().equals(policyId) || policyRevision != revision) {
            throw new IllegalArgumentException("the policy's id/_revision (" + policyId + "/" + policyRevision
                    + ") do not match the entry's (" + id + "/" + revision + ")");
        }
        return policy.toString();
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
