package io.twinloop.twin.server.store;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;

/**
 * The parts of a stored thing's JSON that a query needs, cut out of its bytes without parsing the rest: a search
 * evaluates its filter and sort on a few fields of each thing, and parsing every thing whole (a few hundred
 * microseconds for an AAS-backed one) made a search over thousands of things take seconds.
 */
final class JsonProjection {

    /** Always taken: what identifies the thing and its policy, as Ditto's search always knows them. */
    private static final String[] IDENTITY = {"thingId", "policyId", "_namespace"};
    private static final String ANY = "*";

    private JsonProjection() {}

    /**
     * @param json a thing's stored JSON
     * @param pointers fields to keep; a {@code *} level (a feature id wildcard) keeps everything from there
     */
    static JsonObject of(final byte[] json, final Collection<JsonPointer> pointers) {
        final Map<String, JsonScanner.Span> members = JsonScanner.members(json, 0, json.length);
        JsonObject result = JsonObject.empty();
        for (final String key : IDENTITY) {
            final JsonScanner.Span span = members.get(key);
            if (span != null) {
                result = result.setValue(key, JsonFactory.readFrom(text(json, span)));
            }
        }
        for (final JsonPointer pointer : pointers) {
            result = take(json, members, pointer, JsonPointer.empty(), result);
        }
        return result;
    }

    /** Copies the value at {@code rest} below {@code at} (whose members are given) into {@code result}. */
    private static JsonObject take(final byte[] json, final Map<String, JsonScanner.Span> members,
            final JsonPointer rest, final JsonPointer at, final JsonObject result) {
        final JsonKey key = rest.getRoot().orElse(null);
        if (key == null) {
            return result;
        }
        final JsonScanner.Span span = members.get(key.toString());
        if (span == null) {
            return result; // absent: a filter on it sees it absent, as on the whole thing
        }
        final JsonPointer here = at.addLeaf(key);
        final JsonPointer below = rest.nextLevel();
        final boolean wholeValue = below.isEmpty() || below.getRoot().map(k -> ANY.equals(k.toString())).orElse(false)
                || json[span.start()] != '{';
        if (wholeValue) {
            return result.setValue(here, JsonFactory.readFrom(text(json, span)));
        }
        return take(json, JsonScanner.members(json, span.start(), span.end()), below, here, result);
    }

    private static String text(final byte[] json, final JsonScanner.Span span) {
        return new String(json, span.start(), span.end() - span.start(), StandardCharsets.UTF_8);
    }
}
