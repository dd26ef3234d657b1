package io.twinloop.aas.validation;

import aas_core.aas3_0.reporting.Reporting;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Parses the location strings of the underlying validators into segments: a {@code String} for a
 * property name, an {@code Integer} for a list index.
 *
 * <p>Three notations arrive here: networknt JSON paths ({@code $.submodels[0].idShort}), aas-core
 * JSON paths ({@code submodels[0].idShort}) and aas-core relative XPaths ({@code
 * environment/submodels/*[0]/idShort}). Reducing them to one segment list lets {@link IdShortPaths}
 * format every location the same way.
 */
final class ModelPaths {

    private ModelPaths() {}

    /** Orders locations as in the document: by list index, then by property name, shorter first. */
    static final Comparator<List<Object>> DOCUMENT_ORDER =
            (a, b) -> {
                for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                    Object x = a.get(i);
                    Object y = b.get(i);
                    int c =
                            x instanceof Integer && y instanceof Integer
                                    ? Integer.compare((Integer) x, (Integer) y)
                                    : String.valueOf(x).compareTo(String.valueOf(y));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(a.size(), b.size());
            };

    /** A parsed location and the rest of the text after it. */
    record Parsed(List<Object> segments, String rest) {}

    /**
     * Parses a JSON path at the start of {@code text}, with or without the leading {@code $}, up to
     * the first character that cannot continue it; property names may be quoted ({@code ['a b']}).
     */
    static Parsed parseJsonPath(String text) {
        List<Object> segments = new ArrayList<>();
        int i = text.startsWith("$") ? 1 : 0;
        boolean first = i == 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '[' && i + 1 < text.length() && (text.charAt(i + 1) == '\'' || text.charAt(i + 1) == '"')) {
                char quote = text.charAt(i + 1);
                int end = text.indexOf(quote + "]", i + 2);
                if (end < 0) {
                    break;
                }
                segments.add(text.substring(i + 2, end).replace("\\" + quote, String.valueOf(quote)));
                i = end + 2;
            } else if (c == '[') {
                int end = text.indexOf(']', i);
                if (end < 0 || !text.substring(i + 1, end).matches("\\d+")) {
                    break;
                }
                segments.add(Integer.parseInt(text.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '.' || (first && isNameChar(c))) {
                int start = c == '.' ? i + 1 : i;
                int end = start;
                while (end < text.length() && isNameChar(text.charAt(end))) {
                    end++;
                }
                if (end == start) {
                    break;
                }
                segments.add(text.substring(start, end));
                i = end;
            } else {
                break;
            }
            first = false;
        }
        return new Parsed(segments, text.substring(i));
    }

    /** Parses aas-core's relative XPath ({@code environment/submodels/*[0]/id}), 0-based indices. */
    static List<Object> parseXPath(String xpath) {
        List<Object> segments = new ArrayList<>();
        String[] parts = xpath.isEmpty() ? new String[0] : xpath.split("/");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == 0 && "environment".equals(part)) {
                continue;
            }
            if (part.matches("\\*\\[\\d+]")) {
                segments.add(Integer.parseInt(part.substring(2, part.length() - 1)));
            } else {
                segments.add(unescapeXPath(part));
            }
        }
        return segments;
    }

    /** Converts aas-core's verification path segments. */
    static List<Object> fromReporting(Collection<Reporting.Segment> path) {
        List<Object> segments = new ArrayList<>();
        for (Reporting.Segment segment : path) {
            if (segment instanceof Reporting.IndexSegment) {
                segments.add(((Reporting.IndexSegment) segment).getIndex());
            } else if (segment instanceof Reporting.NameSegment) {
                segments.add(((Reporting.NameSegment) segment).getName());
            }
        }
        return segments;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '-';
    }

    private static String unescapeXPath(String text) {
        return text.replace("&#47;", "/")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
