package io.twinloop.aas.environment;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import io.twinloop.aas.ditto.DittoKeys;

/**
 * Checks every member name against Ditto's key rule while the JSON is parsed: no extra walk over the tree, and the
 * error has the line and column. Jackson's tree reader asks for member names through {@code nextFieldName}, so all
 * three ways to the next token are covered.
 */
final class DittoKeyCheckingParser extends JsonParserDelegate {

    DittoKeyCheckingParser(final JsonParser parser) {
        super(parser);
    }

    /** A member name Ditto would refuse, and where it is. */
    static final class KeyRefused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String key;
        private final transient JsonLocation location;

        KeyRefused(final String key, final JsonLocation location) {
            super(key, null, false, false);
            this.key = key;
            this.location = location;
        }

        String key() {
            return key;
        }

        JsonLocation location() {
            return location;
        }
    }

    @Override
    public JsonToken nextToken() throws IOException {
        final JsonToken token = super.nextToken();
        if (token == JsonToken.FIELD_NAME) {
            check(currentName());
        }
        return token;
    }

    @Override
    public String nextFieldName() throws IOException {
        final String name = super.nextFieldName();
        if (name != null) {
            check(name);
        }
        return name;
    }

    @Override
    public boolean nextFieldName(final SerializableString expected) throws IOException {
        final boolean matches = super.nextFieldName(expected);
        if (currentToken() == JsonToken.FIELD_NAME) {
            check(currentName());
        }
        return matches;
    }

    private void check(final String name) {
        if (!DittoKeys.isValid(name)) {
            throw new KeyRefused(name, currentTokenLocation());
        }
    }
}
