package io.twinloop.twin.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A query of Ditto's search ({@code /api/2/search/things}): RQL filter, namespaces, field selection and the
 * options {@code size}, {@code sort} and {@code cursor}. Immutable; start from {@link #all()}.
 */
public final class SearchQuery {

    private static final SearchQuery ALL = new SearchQuery(null, List.of(), null, 0, List.of(), null);

    private final String filter;
    private final List<String> namespaces;
    private final String fields;
    private final int size;
    private final List<String> sort;
    private final String cursor;

    private SearchQuery(final String filter, final List<String> namespaces, final String fields, final int size,
            final List<String> sort, final String cursor) {
        this.filter = filter;
        this.namespaces = List.copyOf(namespaces);
        this.fields = fields;
        this.size = size;
        this.sort = List.copyOf(sort);
        this.cursor = cursor;
    }

    public static SearchQuery all() {
        return ALL;
    }

    public SearchQuery filter(final String rql) {
        return new SearchQuery(Objects.requireNonNull(rql, "rql"), namespaces, fields, size, sort, cursor);
    }

    public SearchQuery namespaces(final String... names) {
        return new SearchQuery(filter, List.of(names), fields, size, sort, cursor);
    }

    public SearchQuery fields(final String selector) {
        return new SearchQuery(filter, namespaces, Objects.requireNonNull(selector, "selector"), size, sort, cursor);
    }

    /** Page size; Ditto's default is 25 and its maximum 200. */
    public SearchQuery size(final int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
        return new SearchQuery(filter, namespaces, fields, pageSize, sort, cursor);
    }

    /** Sort keys in Ditto's syntax, e.g. {@code +attributes/location}, {@code -thingId}. */
    public SearchQuery sort(final String... keys) {
        return new SearchQuery(filter, namespaces, fields, size, List.of(keys), cursor);
    }

    /** Continues after a page; use it with the same filter and sort as the query that returned the cursor. */
    public SearchQuery cursor(final String next) {
        return new SearchQuery(filter, namespaces, fields, size, sort, Objects.requireNonNull(next, "cursor"));
    }

    String searchPath() {
        return "/api/2/search/things" + query(true);
    }

    String countPath() {
        return "/api/2/search/things/count" + query(false);
    }

    private String query(final boolean withOptions) {
        final List<String> parameters = new ArrayList<>();
        if (filter != null) {
            parameters.add("filter=" + encode(filter));
        }
        if (!namespaces.isEmpty()) {
            parameters.add("namespaces=" + encode(String.join(",", namespaces)));
        }
        if (withOptions) {
            if (fields != null) {
                parameters.add("fields=" + encode(fields));
            }
            final List<String> options = new ArrayList<>();
            if (size > 0) {
                options.add("size(" + size + ")");
            }
            if (!sort.isEmpty()) {
                options.add("sort(" + String.join(",", sort) + ")");
            }
            if (cursor != null) {
                options.add("cursor(" + cursor + ")");
            }
            if (!options.isEmpty()) {
                parameters.add("option=" + encode(String.join(",", options)));
            }
        }
        return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return searchPath();
    }
}
