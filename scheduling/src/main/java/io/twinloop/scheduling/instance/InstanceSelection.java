package io.twinloop.scheduling.instance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list of instance names written the way benchmarks are cited: {@code ft10,la01-la40,ta01-ta10}. A range keeps
 * the prefix and the zero padding of its first name.
 */
public final class InstanceSelection {

    private static final Pattern NAME = Pattern.compile("([A-Za-z_]*)(\\d+)");

    private InstanceSelection() {
    }

    /**
     * @throws IllegalArgumentException naming the item when a range is malformed, mixes prefixes or runs backwards
     */
    public static List<String> parse(final String spec) {
        final Set<String> names = new LinkedHashSet<>();
        for (final String raw : spec.split(",")) {
            final String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            final int dash = item.indexOf('-');
            if (dash < 0) {
                names.add(item);
                continue;
            }
            final Matcher from = NAME.matcher(item.substring(0, dash).strip());
            final Matcher to = NAME.matcher(item.substring(dash + 1).strip());
            if (!from.matches() || !to.matches() || !from.group(1).equals(to.group(1))) {
                throw new IllegalArgumentException("instance range '" + item + "' must look like la01-la40 "
                        + "(same prefix, numbers at the end)");
            }
            final int first = Integer.parseInt(from.group(2));
            final int last = Integer.parseInt(to.group(2));
            if (last < first) {
                throw new IllegalArgumentException("instance range '" + item + "' runs backwards");
            }
            final int width = from.group(2).length();
            for (int i = first; i <= last; i++) {
                names.add(from.group(1) + String.format("%0" + width + "d", i));
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no instance named in '" + spec + "'");
        }
        return new ArrayList<>(names);
    }

    /** The family of an instance for summaries: its letters ({@code la}, {@code ta}, {@code ft}). */
    public static String family(final String name) {
        final Matcher matcher = NAME.matcher(name);
        return matcher.matches() && !matcher.group(1).isEmpty() ? matcher.group(1) : name;
    }
}
