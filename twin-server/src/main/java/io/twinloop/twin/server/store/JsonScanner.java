package io.twinloop.twin.server.store;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.ditto.json.JsonFactory;

/**
 * A validating JSON scanner over UTF-8 bytes that builds no objects: it checks the syntax (RFC 8259 grammar) of a
 * value and reports where the members of an object start and end. Loading the store uses it to read
 * {@link JournalEntry} lines without building Ditto JSON or {@code Thing} objects for every thing (a start-up cost
 * that grows with the data), while still refusing any line that is not valid JSON; the policy store reads its file
 * with it for the same reason.
 */
public final class JsonScanner {

    /** A member's value: {@code bytes[start, end)}. */
    public record Span(int start, int end) {}

    private final byte[] bytes;
    private final int origin;
    private final int limit;
    private int pos;

    private JsonScanner(final byte[] bytes, final int start, final int limit) {
        this.bytes = bytes;
        this.origin = start;
        this.pos = start;
        this.limit = limit;
    }

    /**
     * The members of the object that must fill {@code bytes[start, end)} (whitespace around it allowed), keyed by
     * name; the whole object, nested values included, is validated.
     *
     * @throws IllegalArgumentException if it is not exactly one valid JSON object
     */
    public static Map<String, Span> members(final byte[] bytes, final int start, final int end) {
        final JsonScanner scanner = new JsonScanner(bytes, start, end);
        final Map<String, Span> members = new HashMap<>();
        scanner.skipWhitespace();
        scanner.object(members, 0);
        scanner.skipWhitespace();
        if (scanner.pos != end) {
            throw scanner.error("unexpected content after the object");
        }
        return members;
    }

    /** The string value at {@code span} (a JSON string literal), decoded. */
    public static String string(final byte[] bytes, final Span span) {
        if (bytes[span.start()] != '"') {
            throw new IllegalArgumentException("not a string");
        }
        for (int i = span.start() + 1; i < span.end() - 1; i++) {
            if (bytes[i] == '\\') {
                return JsonFactory.readFrom(new String(bytes, span.start(), span.end() - span.start(),
                        StandardCharsets.UTF_8)).asString();
            }
        }
        return new String(bytes, span.start() + 1, span.end() - span.start() - 2, StandardCharsets.UTF_8);
    }

    /** The integer value at {@code span}. */
    public static long integer(final byte[] bytes, final Span span) {
        return Long.parseLong(new String(bytes, span.start(), span.end() - span.start(), StandardCharsets.US_ASCII));
    }

    private static final int MAX_DEPTH = 512;

    private void value(final int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested too deeply");
        }
        if (pos >= limit) {
            throw error("value expected");
        }
        switch (bytes[pos]) {
            case '{' -> object(null, depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    /**
     * The first members of an object already validated (e.g. nested in a line {@link #members} has checked), up to
     * and including the last of {@code wanted}: the rest of the object is not scanned again.
     */
    public static Map<String, Span> leadingMembers(final byte[] bytes, final int start, final int end,
            final java.util.Set<String> wanted) {
        final JsonScanner scanner = new JsonScanner(bytes, start, end);
        final Map<String, Span> members = new HashMap<>();
        scanner.skipWhitespace();
        scanner.expect('{');
        scanner.skipWhitespace();
        if (scanner.peek() == '}') {
            return members;
        }
        int found = 0;
        while (found < wanted.size()) {
            scanner.skipWhitespace();
            final int keyStart = scanner.pos;
            scanner.string();
            final String key = string(bytes, new Span(keyStart, scanner.pos));
            scanner.skipWhitespace();
            scanner.expect(':');
            scanner.skipWhitespace();
            final int valueStart = scanner.pos;
            scanner.value(1);
            members.put(key, new Span(valueStart, scanner.pos));
            if (wanted.contains(key)) {
                found++;
            }
            scanner.skipWhitespace();
            if (scanner.next() != ',') {
                break;
            }
        }
        return members;
    }

    private void object(final Map<String, Span> members, final int depth) {
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipWhitespace();
            final int keyStart = pos;
            string();
            final int keyEnd = pos;
            skipWhitespace();
            expect(':');
            skipWhitespace();
            final int valueStart = pos;
            value(depth);
            if (members != null) {
                members.put(string(bytes, new Span(keyStart, keyEnd)), new Span(valueStart, pos));
            }
            skipWhitespace();
            final int c = next();
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw error("',' or '}' expected");
            }
        }
    }

    private void array(final int depth) {
        expect('[');
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return;
        }
        while (true) {
            skipWhitespace();
            value(depth);
            skipWhitespace();
            final int c = next();
            if (c == ']') {
                return;
            }
            if (c != ',') {
                throw error("',' or ']' expected");
            }
        }
    }

    private void string() {
        expect('"');
        while (true) {
            final int c = next();
            if (c == '"') {
                return;
            }
            if (c < 0x20) {
                throw error(c < 0 ? "unterminated string" : "control character in string");
            }
            if (c == '\\') {
                final int e = next();
                switch (e) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> { }
                    case 'u' -> {
                        for (int i = 0; i < 4; i++) {
                            if (Character.digit(next(), 16) < 0) {
                                throw error("invalid \\u escape");
                            }
                        }
                    }
                    default -> throw error("invalid escape");
                }
            }
        }
    }

    private void number() {
        final int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (digits() == 0) {
            throw error("unexpected character");
        }
        if (peek() == '.') {
            pos++;
            if (digits() == 0) {
                throw error("digit expected");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (digits() == 0) {
                throw error("digit expected");
            }
        }
        if (pos == start) {
            throw error("value expected");
        }
    }

    private int digits() {
        final int start = pos;
        while (pos < limit && bytes[pos] >= '0' && bytes[pos] <= '9') {
            pos++;
        }
        return pos - start;
    }

    private void literal(final String word) {
        for (int i = 0; i < word.length(); i++) {
            if (next() != word.charAt(i)) {
                throw error("invalid literal");
            }
        }
    }

    private void skipWhitespace() {
        while (pos < limit && (bytes[pos] == ' ' || bytes[pos] == '\t' || bytes[pos] == '\r' || bytes[pos] == '\n')) {
            pos++;
        }
    }

    private void expect(final char c) {
        if (next() != c) {
            pos--;
            throw error("'" + c + "' expected");
        }
    }

    private int peek() {
        return pos < limit ? bytes[pos] : -1;
    }

    /** The next byte (as a signed byte value, so non-ASCII UTF-8 bytes are negative), or -1 at the end. */
    private int next() {
        if (pos >= limit) {
            pos++;
            return -1;
        }
        final int b = bytes[pos++];
        // a UTF-8 continuation or lead byte is negative as a Java byte; in a string it is content, never syntax
        return b < 0 ? 0x80 : b;
    }

    private IllegalArgumentException error(final String message) {
        return new IllegalArgumentException("invalid JSON: " + message + " at column " + (pos - origin + 1));
    }
}
