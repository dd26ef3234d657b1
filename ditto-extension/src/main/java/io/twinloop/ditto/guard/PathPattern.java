package io.twinloop.ditto.guard;

import java.util.Arrays;
import java.util.List;

import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonPointer;

/**
 * A location in a thing, as a JSON pointer whose segments may be {@code *} (any one key):
 * {@code /features/*&#47;desiredProperties/SpindleSpeed}.
 */
public record PathPattern(List<String> segments) {

    public PathPattern {
        segments = List.copyOf(segments);
    }

    /** @throws GuardConfigException if the pattern does not start with {@code /} or has an empty segment */
    public static PathPattern parse(final String pattern) {
        final String trimmed = pattern.trim();
        if (!trimmed.startsWith("/") || trimmed.length() < 2) {
            throw new GuardConfigException("path pattern '" + pattern + "' must be a JSON pointer such as "
                    + "/features/*/desiredProperties/SpindleSpeed");
        }
        final List<String> segments = Arrays.asList(trimmed.substring(1).split("/", -1));
        if (segments.stream().anyMatch(String::isEmpty)) {
            throw new GuardConfigException("path pattern '" + pattern + "' has an empty segment");
        }
        return new PathPattern(segments);
    }

    /**
     * Whether a write at {@code location} can change what the pattern names: the two agree on every level both
     * have, i.e. the location is the pattern's, inside it, or above it.
     */
    public boolean overlaps(final JsonPointer location) {
        final int levels = Math.min(segments.size(), location.getLevelCount());
        for (int i = 0; i < levels; i++) {
            final String segment = segments.get(i);
            final String key = location.get(i).map(JsonKey::toString).orElse("");
            if (!segment.equals("*") && !segment.equals(key)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}
