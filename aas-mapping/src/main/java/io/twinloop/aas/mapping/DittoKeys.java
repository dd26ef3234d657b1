package io.twinloop.aas.mapping;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.base.model.common.Validator;
import org.eclipse.ditto.base.model.entity.validation.NoControlCharactersNoSlashesValidator;

import com.fasterxml.jackson.databind.JsonNode;

import io.twinloop.aas.AasInputException;

/**
 * Checks every JSON key of a thing with Ditto's own validator, the one its model applies to attribute and property
 * keys (no slash, no control character, none of U+0080 to U+00FF). Keys repeat a lot (AAS member names), so the ones
 * already found valid are remembered.
 */
final class DittoKeys {

    private static final int REMEMBERED = 50_000;
    private static final Set<String> VALID = ConcurrentHashMap.newKeySet();

    private DittoKeys() {
    }

    static void check(final JsonNode node, final String source, final String place) {
        if (node.isObject()) {
            for (final Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                final Map.Entry<String, JsonNode> field = fields.next();
                final String key = field.getKey();
                if (!VALID.contains(key)) {
                    final Validator validator = NoControlCharactersNoSlashesValidator.getInstance(key);
                    if (!validator.isValid()) {
                        throw AasInputException.of(source, place + "/" + key, "'" + key + "' cannot be a Ditto JSON "
                                + "key: " + validator.getReason().orElse("it contains a slash or a control character"));
                    }
                    if (VALID.size() > REMEMBERED) {
                        VALID.clear();
                    }
                    VALID.add(key);
                }
                check(field.getValue(), source, place + "/" + key);
            }
        } else if (node.isArray()) {
            int index = 0;
            for (final JsonNode item : node) {
                check(item, source, place + "[" + index++ + "]");
            }
        }
    }
}
