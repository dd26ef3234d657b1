package io.twinloop.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one JSON object of a scenario and records every problem with its JSON Pointer instead of stopping at the
 * first, so a user fixes a file in one round. Accessors return a placeholder ({@code Optional.empty()}, NaN) after
 * recording a problem; the loader refuses the file at the end if any was recorded.
 */
final class JsonFields {

    private final JsonNode node;
    private final String pointer;
    private final List<Problem> problems;

    private JsonFields(final JsonNode node, final String pointer, final List<Problem> problems) {
        this.node = node;
        this.pointer = pointer;
        this.problems = problems;
    }

    static JsonFields root(final JsonNode node, final List<Problem> problems) {
        final JsonFields root = new JsonFields(node, "", problems);
        if (!node.isObject()) {
            root.problem("", "a scenario must be a JSON object, found " + kind(node));
        }
        return root;
    }

    String pointer() {
        return pointer;
    }

    String at(final String field) {
        return pointer + "/" + field.replace("~", "~0").replace("/", "~1");
    }

    void problem(final String where, final String message) {
        problems.add(new Problem(where, message));
    }

    /** Records every field not in {@code known}: a misspelt field would otherwise be silently ignored. */
    void onlyKnown(final Set<String> known) {
        if (!node.isObject()) {
            return;
        }
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!known.contains(name)) {
                problem(at(name), "unknown field; expected one of " + new java.util.TreeSet<>(known));
            }
        }
    }

    boolean has(final String field) {
        return node.has(field) && !node.get(field).isNull();
    }

    Optional<JsonFields> object(final String field, final boolean required) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(at(field), "missing (an object is required)");
            }
            return Optional.empty();
        }
        if (!value.isObject()) {
            problem(at(field), "must be an object, found " + kind(value));
            return Optional.empty();
        }
        return Optional.of(new JsonFields(value, at(field), problems));
    }

    /** The elements of an array field, each as an object reader; empty (and a problem) when not an array. */
    List<JsonFields> objects(final String field) {
        final JsonNode value = node.get(field);
        final List<JsonFields> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            problem(at(field), "missing (an array is required)");
            return result;
        }
        if (!value.isArray()) {
            problem(at(field), "must be an array, found " + kind(value));
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            final JsonNode element = value.get(i);
            final String where = at(field) + "/" + i;
            if (!element.isObject()) {
                problem(where, "must be an object, found " + kind(element));
            } else {
                result.add(new JsonFields(element, where, problems));
            }
        }
        return result;
    }

    /** The member names of this object, in file order (e.g. the keys of a map by machine kind). */
    List<String> names() {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    Optional<String> text(final String field, final boolean required) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(at(field), "missing (a string is required)");
            }
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problem(at(field), "must be a non-empty string, found " + kind(value));
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    /** A number within [min, max]; NaN after recording a problem. {@code fallback} when absent (NaN: required). */
    double number(final String field, final double fallback, final double min, final double max) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (Double.isNaN(fallback)) {
                problem(at(field), String.format(Locale.ROOT, "missing (a number within %s..%s is required)",
                        plain(min), plain(max)));
            }
            return fallback;
        }
        if (!value.isNumber()) {
            problem(at(field), "must be a number, found " + kind(value));
            return Double.NaN;
        }
        final double number = value.asDouble();
        if (!Double.isFinite(number) || number < min || number > max) {
            problem(at(field), "must be within " + plain(min) + ".." + plain(max) + ", was " + value);
            return Double.NaN;
        }
        return number;
    }

    /** A whole number within [min, max]; {@code fallback} when absent, -1 after recording a problem. */
    int integer(final String field, final Integer fallback, final int min, final int max) {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                problem(at(field), "missing (a whole number within " + min + ".." + max + " is required)");
                return -1;
            }
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            problem(at(field), "must be a whole number within " + min + ".." + max + ", was " + value);
            return -1;
        }
        return value.asInt();
    }

    /** An enum constant by its name (case-insensitive); empty after recording a problem. */
    <E extends Enum<E>> Optional<E> constant(final String field, final Class<E> type, final boolean required) {
        return text(field, required).flatMap(text -> constantNamed(at(field), text, type));
    }

    <E extends Enum<E>> Optional<E> constantNamed(final String where, final String text, final Class<E> type) {
        for (final E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(constant);
            }
        }
        problem(where, "'" + text + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        return Optional.empty();
    }

    /** The text elements of an array field. */
    List<String> texts(final String field) {
        final JsonNode value = node.get(field);
        final List<String> result = new ArrayList<>();
        if (value == null || !value.isArray()) {
            problem(at(field), value == null ? "missing (an array of strings is required)"
                    : "must be an array of strings, found " + kind(value));
            return result;
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i).isTextual()) {
                result.add(value.get(i).asText());
            } else {
                problem(at(field) + "/" + i, "must be a string, found " + kind(value.get(i)));
            }
        }
        return result;
    }

    private static String plain(final double value) {
        if (value == Double.MAX_VALUE) {
            return "∞";
        }
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static String kind(final JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isTextual()) {
            return "the string \"" + value.asText() + "\"";
        }
        if (value.isBoolean()) {
            return "the boolean " + value;
        }
        return value.isNull() ? "null" : "the number " + value;
    }
}
