package io.twinloop.scenarios.report;

import java.util.Locale;

/** Escaping and number formatting for the report's XHTML; every text that reaches the page goes through here. */
final class Markup {

    private Markup() {
    }

    /** Text or attribute value, safe in XML and HTML. */
    static String escape(final String text) {
        final StringBuilder out = new StringBuilder(text.length());
        for (final char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c); // not allowed in XML 1.0
            }
        }
        return out.toString();
    }

    /** Enough digits to tell seeds apart at each magnitude; "–" for no value. */
    static String number(final double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (value == 0) {
            return "0";
        }
        final double abs = Math.abs(value);
        // kWh per unit differs between seeds in the third decimal (1.006 vs 1.005): keep it below 10
        final String pattern = abs >= 100 ? "%,.0f" : abs >= 10 ? "%.1f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    /** SVG coordinates. */
    static String coordinate(final double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
