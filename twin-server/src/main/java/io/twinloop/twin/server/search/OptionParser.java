package io.twinloop.twin.server.search;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.ditto.rql.model.ParserException;
import org.eclipse.ditto.thingsearch.model.Option;
import org.eclipse.ditto.thingsearch.model.SearchModelFactory;
import org.eclipse.ditto.thingsearch.model.SortOptionEntry;

/**
 * Ditto's search option grammar ({@code sort(+a,-b)}, {@code size(n)}, {@code cursor(c)}, {@code limit(o,c)},
 * comma-separated), a port of {@code org.eclipse.ditto.rql.parser.thingsearch.internal.RqlOptionParser} (3.8): its
 * artifact {@code ditto-rql-search-option-parser} is not published on Maven Central. Produces Ditto's own option
 * model classes ({@code ditto-thingsearch-model}).
 */
final class OptionParser {

    private final String input;
    private int pos;

    private OptionParser(final String input) {
        this.input = input;
    }

    /** @throws ParserException if {@code options} does not follow Ditto's option grammar */
    static List<Option> parse(final String options) {
        final OptionParser parser = new OptionParser(options);
        try {
            return parser.options();
        } catch (final NumberFormatException e) {
            throw new ParserException("Invalid number in options '" + options + "': " + e.getMessage(), e);
        }
    }

    /** {@code sort(+a,-b)}, readable by {@link #parse(String)}. */
    static String unparse(final org.eclipse.ditto.thingsearch.model.SortOption sort) {
        final StringBuilder sb = new StringBuilder("sort(");
        for (final SortOptionEntry entry : sort.getEntries()) {
            if (sb.length() > 5) {
                sb.append(',');
            }
            sb.append(entry.getOrder() == SortOptionEntry.SortOrder.ASC ? '+' : '-');
            final String path = entry.getPropertyPath().toString();
            for (final char c : (path.startsWith("/") ? path.substring(1) : path).toCharArray()) {
                if (c == ',' || c == ')' || c == '"' || c == '\\') {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb.append(')').toString();
    }

    private List<Option> options() {
        whiteSpace();
        final List<Option> result = new ArrayList<>();
        result.add(option());
        while (peek(',')) {
            pos++;
            result.add(option());
        }
        if (pos != input.length()) {
            throw error("unexpected character");
        }
        return result;
    }

    private Option option() {
        if (keyword("sort")) {
            expect('(');
            final List<SortOptionEntry> entries = new ArrayList<>();
            entries.add(sortProperty());
            while (peek(',')) {
                pos++;
                entries.add(sortProperty());
            }
            expect(')');
            return SearchModelFactory.newSortOption(entries);
        } else if (keyword("limit")) {
            expect('(');
            final long offset = longLiteral();
            expect(',');
            final long count = longLiteral();
            expect(')');
            return SearchModelFactory.newLimitOption((int) offset, (int) count);
        } else if (keyword("cursor")) {
            expect('(');
            final String cursor = propertyLiteral();
            expect(')');
            return SearchModelFactory.newCursorOption(cursor);
        } else if (keyword("size")) {
            expect('(');
            final int start = pos;
            while (pos < input.length() && Character.isDigit(input.charAt(pos)) && input.charAt(pos) < 128) {
                pos++;
            }
            if (start == pos) {
                throw error("digits expected");
            }
            final int size = Integer.parseInt(input.substring(start, pos));
            expect(')');
            return SearchModelFactory.newSizeOption(size);
        }
        throw error("one of 'sort', 'limit', 'cursor', 'size' expected");
    }

    private SortOptionEntry sortProperty() {
        final SortOptionEntry.SortOrder order;
        if (peek('+')) {
            order = SortOptionEntry.SortOrder.ASC;
        } else if (peek('-')) {
            order = SortOptionEntry.SortOrder.DESC;
        } else {
            throw error("'+' or '-' expected");
        }
        pos++;
        return SearchModelFactory.newSortOptionEntry(propertyLiteral(), order);
    }

    /** Characters up to {@code , ) " \}, with backslash escapes, as in Ditto's RqlParserBase. */
    private String propertyLiteral() {
        final StringBuilder sb = new StringBuilder();
        while (pos < input.length()) {
            final char c = input.charAt(pos);
            if (c == ',' || c == ')' || c == '"') {
                break;
            }
            if (c == '\\') {
                pos++;
                if (pos >= input.length()) {
                    throw error("escape sequence expected");
                }
                final char e = input.charAt(pos);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 >= input.length()) {
                            throw error("unicode escape expected");
                        }
                        sb.append((char) Integer.parseInt(input.substring(pos + 1, pos + 5), 16));
                        pos += 4;
                    }
                    default -> throw error("invalid escape sequence");
                }
                pos++;
            } else {
                sb.append(c);
                pos++;
            }
        }
        return sb.toString();
    }

    /** Optional sign, then {@code 0} or a number without leading zero, then white space; not {@code -0}. */
    private long longLiteral() {
        if (input.startsWith("-0", pos)) {
            throw error("number expected");
        }
        final int start = pos;
        if (peek('+') || peek('-')) {
            pos++;
        }
        final int digits = pos;
        if (peek('0')) {
            pos++;
        } else {
            while (pos < input.length() && input.charAt(pos) >= '0' && input.charAt(pos) <= '9') {
                pos++;
            }
        }
        if (digits == pos) {
            throw error("number expected");
        }
        final long value = Long.parseLong(input.substring(start, pos));
        whiteSpace();
        return value;
    }

    private void whiteSpace() {
        while (pos < input.length() && " \n\r\t\f".indexOf(input.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private boolean keyword(final String keyword) {
        if (input.startsWith(keyword, pos)) {
            pos += keyword.length();
            return true;
        }
        return false;
    }

    private boolean peek(final char c) {
        return pos < input.length() && input.charAt(pos) == c;
    }

    private void expect(final char c) {
        if (!peek(c)) {
            throw error("'" + c + "' expected");
        }
        pos++;
    }

    private ParserException error(final String what) {
        return new ParserException("Invalid input '" + input + "' at position " + (pos + 1) + ": " + what);
    }
}
