package io.twinloop.twin.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/** One page of search results: the things (as selected by the query's fields) and the cursor to the next page. */
public final class SearchResult {

    private final List<JsonObject> items;
    private final String cursor;

    private SearchResult(final List<JsonObject> items, final String cursor) {
        this.items = List.copyOf(items);
        this.cursor = cursor;
    }

    static SearchResult fromJson(final JsonObject page) {
        final List<JsonObject> items = new ArrayList<>();
        page.getValue("items").filter(JsonValue::isArray).ifPresent(array -> array.asArray()
                .forEach(item -> items.add(item.asObject())));
        return new SearchResult(items, page.getValue("cursor").filter(JsonValue::isString).map(JsonValue::asString)
                .orElse(null));
    }

    public List<JsonObject> items() {
        return items;
    }

    /** The cursor of the next page, empty on the last page. */
    public Optional<String> cursor() {
        return Optional.ofNullable(cursor);
    }
}
