package io.twinloop.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.twinloop.audit.Finding.Problem;

/**
 * Checks a decision log offline against keys the verifier trusts: each entry's content against its hash, each
 * hash against its signature, each entry's link to the one before it, the sequence for gaps, repeats and steps back,
 * and the signed head for entries cut off the end. Reports every problem with its line, not only the first.
 */
public final class ChainVerifier {

    private final TrustedKeys keys;

    public ChainVerifier(final TrustedKeys keys) {
        this.keys = keys;
    }

    public Verification verify(final Path log) {
        if (!Files.isRegularFile(log)) {
            throw new AuditLogException("the decision log " + log + " does not exist");
        }
        final List<Finding> findings = new ArrayList<>();
        final List<Read> entries = read(log, findings);

        final Map<Long, String> hashBySequence = new HashMap<>();
        final Map<Long, Integer> lineBySequence = new TreeMap<>();
        long highest = 0;
        int highestLine = 0;
        for (final Read read : entries) {
            final AuditEntry entry = read.signed().entry();
            final long sequence = entry.sequence();
            final String actual = entry.hash();
            checkContentAndSignature(read, actual, findings);
            final Integer earlier = lineBySequence.putIfAbsent(sequence, read.line());
            if (earlier != null) {
                findings.add(new Finding(read.line(), sequence, Problem.DUPLICATE, "entry " + sequence
                        + " appears again (first at line " + earlier + ")"));
                continue;
            }
            hashBySequence.put(sequence, actual);
            if (sequence < highest) {
                findings.add(new Finding(read.line(), sequence, Problem.REORDERED, "entry " + sequence
                        + " comes after entry " + highest + " (line " + highestLine + ")"));
            } else {
                highest = sequence;
                highestLine = read.line();
            }
        }
        for (final Read read : entries) {
            checkLink(read, hashBySequence, lineBySequence, findings);
        }
        checkGaps(lineBySequence, highest, findings);
        final Optional<Head> head = Head.read(log);
        if (head.isPresent()) {
            checkHead(head.get(), highest, hashBySequence, findings);
        }
        findings.sort(java.util.Comparator.comparingInt(f -> f.line() == 0 ? Integer.MAX_VALUE : f.line()));
        return new Verification(entries.size(), highest, head.isPresent(), findings);
    }

    private record Read(int line, SignedEntry signed) {
    }

    private static List<Read> read(final Path log, final List<Finding> findings) {
        final List<Read> entries = new ArrayList<>();
        final boolean endsWithNewline = endsWithNewline(log);
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            int number = 0;
            String line = reader.readLine();
            while (line != null) {
                number++;
                final String next = reader.readLine();
                try {
                    entries.add(new Read(number, SignedEntry.parse(line)));
                } catch (final IllegalArgumentException e) {
                    final boolean last = next == null;
                    findings.add(last && !endsWithNewline
                            ? new Finding(number, 0, Problem.TORN, "the last line is incomplete (an append was cut "
                                    + "short): " + e.getMessage())
                            : new Finding(number, 0, Problem.MALFORMED, "not an audit entry: " + e.getMessage()));
                }
                line = next;
            }
        } catch (final IOException e) {
            throw new AuditLogException("cannot read the decision log " + log + ": " + e, e);
        }
        return entries;
    }

    private static boolean endsWithNewline(final Path log) {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(log)) {
            if (channel.size() == 0) {
                return true;
            }
            final java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            return last.get(0) == '\n';
        } catch (final IOException e) {
            throw new AuditLogException("cannot read the decision log " + log + ": " + e, e);
        }
    }

    private void checkContentAndSignature(final Read read, final String actual, final List<Finding> findings) {
        final AuditEntry entry = read.signed().entry();
        if (!actual.equals(read.signed().hash())) {
            findings.add(new Finding(read.line(), entry.sequence(), Problem.EDITED, "entry " + entry.sequence()
                    + " (decision " + entry.decisionId() + ", " + entry.kind() + ") was changed after it was "
                    + "written: its content does not match its hash"));
        }
        final Optional<PublicKey> key = keys.key(entry.keyId());
        if (key.isEmpty()) {
            findings.add(new Finding(read.line(), entry.sequence(), Problem.UNTRUSTED_KEY, "entry "
                    + entry.sequence() + " is signed by key " + entry.keyId() + ", which is not a trusted key"));
        } else if (!TrustedKeys.verifies(key.get(), read.signed().hash().getBytes(StandardCharsets.US_ASCII),
                read.signed().signature())) {
            findings.add(new Finding(read.line(), entry.sequence(), Problem.BAD_SIGNATURE, "entry "
                    + entry.sequence() + ": the signature is not " + entry.keyId() + "'s signature of its hash"));
        }
    }

    private static void checkLink(final Read read, final Map<Long, String> hashBySequence,
            final Map<Long, Integer> lineBySequence, final List<Finding> findings) {
        final AuditEntry entry = read.signed().entry();
        final long sequence = entry.sequence();
        if (!Integer.valueOf(read.line()).equals(lineBySequence.get(sequence))) {
            return; // a duplicate, reported already
        }
        final String expected = sequence == 1 ? AuditEntry.GENESIS : hashBySequence.get(sequence - 1);
        if (expected != null && !expected.equals(entry.previousHash())) {
            findings.add(new Finding(read.line(), sequence, Problem.BROKEN_LINK, sequence == 1
                    ? "entry 1 does not start a chain: its previous hash is not the genesis hash"
                    : "entry " + sequence + " does not follow entry " + (sequence - 1) + " (line "
                            + lineBySequence.get(sequence - 1) + "): its previous hash differs from that entry's "
                            + "hash"));
        }
    }

    private static void checkGaps(final Map<Long, Integer> lineBySequence, final long highest,
            final List<Finding> findings) {
        long sequence = 1;
        while (sequence <= highest) {
            if (lineBySequence.containsKey(sequence)) {
                sequence++;
                continue;
            }
            final long first = sequence;
            while (sequence <= highest && !lineBySequence.containsKey(sequence)) {
                sequence++;
            }
            final long last = sequence - 1;
            final Integer before = first == 1 ? null : lineBySequence.get(first - 1);
            final Integer after = lineBySequence.get(last + 1);
            findings.add(new Finding(after == null ? 0 : after, first, Problem.REMOVED, (first == last
                    ? "entry " + first + " is missing" : "entries " + first + " to " + last + " are missing")
                    + (before == null ? "" : " (after line " + before + ")")));
        }
    }

    private void checkHead(final Head head, final long highest, final Map<Long, String> hashBySequence,
            final List<Finding> findings) {
        final Optional<PublicKey> key = keys.key(head.keyId());
        if (key.isEmpty() || !TrustedKeys.verifies(key.get(), Head.signed(head.sequence(), head.hash()),
                head.signature())) {
            findings.add(new Finding(0, head.sequence(), Problem.BAD_HEAD, "the head file is not signed by a "
                    + "trusted key (" + head.keyId() + ")"));
            return;
        }
        if (head.sequence() > highest) {
            findings.add(new Finding(0, highest + 1, Problem.TRUNCATED, "the signed head vouches for "
                    + head.sequence() + " entries but the log ends at entry " + highest + ": entries " + (highest + 1)
                    + " to " + head.sequence() + " were removed from its end"));
        } else if (!head.hash().equals(hashBySequence.get(head.sequence()))) {
            findings.add(new Finding(0, head.sequence(), Problem.BAD_HEAD, "the signed head names entry "
                    + head.sequence() + " with another hash than that entry has now"));
        }
    }
}
