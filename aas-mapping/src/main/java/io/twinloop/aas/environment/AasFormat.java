package io.twinloop.aas.environment;

import java.util.Locale;
import java.util.Optional;

/** The three serializations of an AAS environment that TwinLoop reads and writes. */
public enum AasFormat {
    JSON("json"),
    XML("xml"),
    AASX("aasx");

    private final String extension;

    AasFormat(final String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public static Optional<AasFormat> fromName(final String name) {
        for (final AasFormat format : values()) {
            if (format.extension.equalsIgnoreCase(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Decides by content, not by file name: files are often misnamed (a ".json" that is an AASX). */
    public static Optional<AasFormat> sniff(final byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Optional.of(AASX);
        }
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3; // UTF-8 byte order mark
        }
        for (; i < head.length; i++) {
            final char c = (char) (head[i] & 0xFF);
            if (!Character.isWhitespace(c)) {
                if (c == '{' || c == '[') {
                    return Optional.of(JSON);
                }
                if (c == '<') {
                    return Optional.of(XML);
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return extension.toUpperCase(Locale.ROOT);
    }
}
