package io.twinloop.twin.server.store;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole thing as a reader with access to all of it gets it ({@code GET /things/{id}} without {@code fields}),
 * cut from the bytes the store keeps instead of building Ditto's {@code Thing} and writing it out again: its
 * regular members in their stored order, without the {@code _revision}, {@code _created}, {@code _modified} and
 * {@code _namespace} the store keeps with them. For a thing the store holds compressed, that is an inflate and a
 * scan instead of a parse, a model build and a serialization (most of a cold server's first answer).
 *
 * @param revision the thing's revision (its entity tag is {@code "rev:<revision>"})
 * @param policyId the thing's policy id as stored, empty if it has none
 * @param regularJson the JSON object of the thing's regular members, UTF-8
 */
public record StoredThingJson(long revision, Optional<String> policyId, byte[] regularJson) {

    static StoredThingJson of(final long revision, final byte[] stored) {
        final Map<String, JsonScanner.Span> members = JsonScanner.members(stored, 0, stored.length);
        final List<Map.Entry<String, JsonScanner.Span>> regular = new ArrayList<>(members.size());
        for (final Map.Entry<String, JsonScanner.Span> member : members.entrySet()) {
            if (!member.getKey().startsWith("_")) {
                regular.add(member);
            }
        }
        regular.sort(Comparator.comparingInt(member -> member.getValue().start()));
        final ByteArrayOutputStream json = new ByteArrayOutputStream(stored.length);
        json.write('{');
        for (int i = 0; i < regular.size(); i++) {
            if (i > 0) {
                json.write(',');
            }
            final JsonScanner.Span value = regular.get(i).getValue();
            // the key as written: from the quote before it (the scanner keeps value spans only)
            final int keyStart = keyStart(stored, value.start());
            json.write(stored, keyStart, value.end() - keyStart);
        }
        json.write('}');
        final JsonScanner.Span policy = members.get("policyId");
        return new StoredThingJson(revision,
                policy == null ? Optional.empty() : Optional.of(JsonScanner.string(stored, policy)),
                json.toByteArray());
    }

    /** The opening quote of the key whose value starts at {@code valueStart} ({@code "key" : value}). */
    private static int keyStart(final byte[] json, final int valueStart) {
        int i = valueStart - 1;
        while (json[i] != ':') {
            i--;
        }
        i--;
        while (json[i] != '"') {
            i--;
        }
        // back over the key to its opening quote, skipping escaped quotes inside it
        i--;
        while (!(json[i] == '"' && !escaped(json, i))) {
            i--;
        }
        return i;
    }

    private static boolean escaped(final byte[] json, final int quote) {
        int backslashes = 0;
        for (int i = quote - 1; json[i] == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
