package io.twinloop.aas.ditto;

import java.util.Optional;

import org.eclipse.ditto.base.model.common.Validator;
import org.eclipse.ditto.base.model.entity.validation.NoControlCharactersNoSlashesValidator;


/**
 * Ditto's rule for JSON keys in attributes and feature properties: not empty, no slash, no control character, and
 * none of U+0080 to U+00FF (Ditto's {@code RegexPatterns.NO_CONTROL_CHARS_NO_SLASHES_PATTERN}, applied by its model
 * through {@code JsonKeyValidator}). Every member name of an AAS file is checked while it is read, and every key the
 * mapping makes from AAS content (idShorts, language tags, feature ids) when it is made; a character scan does that
 * at a fraction of the cost of Ditto's regular expression. A rejected key is described by Ditto's own validator, and
 * {@code DittoKeysTest} holds the scan to that validator.
 */
public final class DittoKeys {

    private DittoKeys() {
    }

    public static boolean isValid(final String key) {
        final int length = key.length();
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            final char c = key.charAt(i);
            if (c <= 0x1F || c >= 0x7F && c <= 0xFF || c == '/') {
                return false;
            }
        }
        return true;
    }

    /** Why the key cannot be a Ditto JSON key, in Ditto's words, or empty when it can. */
    public static Optional<String> problemWith(final String key) {
        if (isValid(key)) {
            return Optional.empty();
        }
        final Validator validator = NoControlCharactersNoSlashesValidator.getInstance(key);
        return Optional.of(validator.getReason().orElse("it is empty or contains a slash or a control character"));
    }
}
