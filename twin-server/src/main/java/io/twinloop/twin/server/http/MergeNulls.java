package io.twinloop.twin.server.http;

import org.eclipse.ditto.json.JsonCollectors;
import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/**
 * Drops the {@code null}s of a merge patch that creates a thing: there is nothing to delete yet. Same rule as
 * Ditto's {@code ModifyToCreateThingTransformer}: recursively in objects, and also inside arrays (although a merge
 * of an existing thing would keep an array's {@code null}s, since arrays are replaced, not merged).
 */
final class MergeNulls {

    private MergeNulls() {}

    static JsonObject withoutNulls(final JsonObject patch) {
        return patch.stream()
                .filter(field -> !field.getValue().isNull())
                .map(field -> JsonField.newInstance(field.getKey(), withoutNulls(field.getValue())))
                .collect(JsonCollectors.fieldsToObject());
    }

    private static JsonValue withoutNulls(final JsonValue value) {
        if (value.isObject()) {
            return withoutNulls(value.asObject());
        }
        if (value.isArray()) {
            return value.asArray().stream()
                    .filter(element -> !element.isNull())
                    .map(element -> element.isObject() ? withoutNulls(element.asObject()) : element)
                    .collect(JsonCollectors.valuesToArray());
        }
        return value;
    }
}
