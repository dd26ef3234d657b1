package io.twinloop.twin.client;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding for path segments and query values.
 * <p>
 * Deliberately conservative: characters such as {@code +}, {@code &}, {@code =}, {@code ;} are encoded even where
 * RFC 3986 would allow them, because servers differ in how they decode them (form-style decoders turn {@code +}
 * into a space, some frameworks cut matrix parameters at {@code ;}). Every decoder maps {@code %XX} back the same way.
 */
final class PercentEncoding {

    // ':' and '@' stay readable in thing ids ("namespace:name"); the rest of the kept set is RFC 3986 "unreserved".
    private static final String SEGMENT_SAFE = "-._~:@!$'()*,";
    // Query values additionally keep '/' so field selectors such as "attributes/complex(a,b)" stay legible.
    private static final String QUERY_SAFE = SEGMENT_SAFE + "/";

    private PercentEncoding() {
    }

    static String pathSegment(final CharSequence raw) {
        return encode(raw, SEGMENT_SAFE);
    }

    static String queryValue(final CharSequence raw) {
        return encode(raw, QUERY_SAFE);
    }

    private static String encode(final CharSequence raw, final String safe) {
        final byte[] bytes = raw.toString().getBytes(StandardCharsets.UTF_8);
        final StringBuilder out = new StringBuilder(bytes.length + 8);
        for (final byte b : bytes) {
            final int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || safe.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
