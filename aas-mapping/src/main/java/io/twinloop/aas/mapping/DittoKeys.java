package io.twinloop.aas.mapping;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.base.model.common.Validator;
import org.eclipse.ditto.base.model.entity.validation.NoControlCharactersNoSlashesValidator;

import com.fasterxml.jackson.databind.JsonNode;

import io.twinloop.aas.AasInputException;

/**
 * Checks JSON keys with Ditto's own validator, the one its model applies to attribute and property keys (no slash,
 * no control character, none of U+0080 to U+00FF). Keys repeat a lot (AAS member names, common idShorts), so the
 * ones already found valid are remembered, up to a bound.
 */
final class DittoKeys {

    private static final int REMEMBERED = 50_000;
    private static final Set<String> VALID = ConcurrentHashMap.newKeySet();

    private DittoKeys() {
    }

    /** Why the key cannot be a Ditto JSON key, or empty when it can. */
    static Optional<String> problemWith(final String key) {
        if (VALID.contains(key)) {
            return Optional.empty();
        }
        final Validator validator = NoControlCharactersNoSlashesValidator.getInstance(key);
        if (!validator.isValid()) {
            return Optional.of(validator.getReason().orElse("it is empty or contains a slash or a control character"));
        }
        if (VALID.size() > REMEMBERED) {
            VALID.clear();
        }
        VALID.add(key);
        return Optional.empty();
    }

    /** Checks every key below the node; the message names the first bad key's place. */
    static void check(final JsonNode node, final String source, final String place) {
        final Deque<String> path = new ArrayDeque<>();
        walk(node, path, source, place);
    }

    private static void walk(final JsonNode node, final Deque<String> path, final String source, final String place) {
        if (node.isObject()) {
            for (final Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                final Map.Entry<String, JsonNode> field = fields.next();
                final String key = field.getKey();
                path.addLast(key);
                final Optional<String> problem = problemWith(key);
                if (problem.isPresent()) {
                    throw AasInputException.of(source, place + "/" + String.join("/", path), "'" + key
                            + "' cannot be a Ditto JSON key: " + problem.get());
                }
                walk(field.getValue(), path, source, place);
                path.removeLast();
            }
        } else if (node.isArray()) {
            for (final JsonNode item : node) {
                walk(item, path, source, place);
            }
        }
    }
}
