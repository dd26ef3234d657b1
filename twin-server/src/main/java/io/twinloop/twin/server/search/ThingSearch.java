package io.twinloop.twin.server.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.ditto.base.model.exceptions.DittoJsonException;
import org.eclipse.ditto.base.model.exceptions.InvalidRqlExpressionException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.json.FieldType;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonCollectors;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonParseOptions;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.placeholders.PlaceholderFactory;
import org.eclipse.ditto.placeholders.TimePlaceholder;
import org.eclipse.ditto.rql.model.ParserException;
import org.eclipse.ditto.rql.parser.RqlPredicateParser;
import org.eclipse.ditto.rql.query.criteria.Criteria;
import org.eclipse.ditto.rql.query.filter.QueryFilterCriteriaFactory;
import org.eclipse.ditto.rql.query.things.FieldNamesPredicateVisitor;
import org.eclipse.ditto.rql.query.things.ModelBasedThingsFieldExpressionFactory;
import org.eclipse.ditto.rql.query.things.ThingPredicateVisitor;
import org.eclipse.ditto.things.model.Features;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.thingsearch.model.CursorOption;
import org.eclipse.ditto.thingsearch.model.LimitOption;
import org.eclipse.ditto.thingsearch.model.Option;
import org.eclipse.ditto.thingsearch.model.SearchModelFactory;
import org.eclipse.ditto.thingsearch.model.SearchResult;
import org.eclipse.ditto.thingsearch.model.SizeOption;
import org.eclipse.ditto.thingsearch.model.SortOption;
import org.eclipse.ditto.thingsearch.model.SortOptionEntry;
import org.eclipse.ditto.thingsearch.model.signals.commands.exceptions.InvalidOptionException;

/**
 * Ditto's thing search over the things of a snapshot, evaluated per thing with Ditto's RQL parser and
 * {@link ThingPredicateVisitor}: the query and cursor rules of Ditto 3.8's search service ({@code SearchActor},
 * {@code QueryParser}, {@code ThingsSearchCursor}, {@code MongoQueryBuilder}) without its MongoDB index. Like Ditto
 * without an index lag: the result reflects every acknowledged write.
 */
public final class ThingSearch {

    /** Ditto's default page size ({@code size}/{@code limit} absent). */
    public static final int DEFAULT_SIZE = 25;
    /** Ditto's maximum page size. */
    public static final int MAX_SIZE = 200;

    private static final SortOptionEntry DEFAULT_SORT = SortOptionEntry.asc(Thing.JsonFields.ID.getPointer());
    private static final JsonPointer THING_ID = Thing.JsonFields.ID.getPointer();
    private static final String LIMIT_WITH_CURSOR = "The options 'cursor' and 'limit' must not be used together.";
    private static final JsonParseOptions FIELDS_OPTIONS = JsonParseOptions.newBuilder().withoutUrlDecoding().build();

    private final BiFunction<AuthorizationContext, Set<JsonPointer>, Stream<SearchCandidate>> readableThings;

    /**
     * @param readableThings the current things as the subject may read them (only the parts its policy grants
     *        READ on, none it may read nothing of), read anew for every query: filters, sorting and fields see
     *        only what the subject could retrieve, as in Ditto's search
     */
    public ThingSearch(
            final BiFunction<AuthorizationContext, Set<JsonPointer>, Stream<SearchCandidate>> readableThings) {
        this.readableThings = readableThings;
    }

    /**
     * {@code GET /api/2/search/things}.
     *
     * @param filter RQL filter (several {@code filter} parameters already combined as Ditto does), null for all
     * @param namespaces namespaces to search in, null for all
     * @param fields field selector of the items, null for whole things
     * @param options the {@code option} parameters, each possibly holding several comma-separated options
     * @return Ditto's {@code SearchResult} JSON ({@code items}, {@code nextPageOffset}, {@code cursor})
     */
    public JsonObject query(final String filter, final Set<String> namespaces,
            final String fields, final List<String> options, final DittoHeaders headers) {
        final List<Option> parsed = parseOptions(options, headers);
        final List<SizeOption> sizes = all(SizeOption.class, parsed);
        if (sizes.size() > 1) {
            throw SearchCursor.invalid().message("There may not be more than 1 'size' option.")
                    .dittoHeaders(headers).build();
        }
        if (!sizes.isEmpty() && sizes.get(0).getSize() <= 0) {
            throw SearchCursor.invalid().message("The option 'size' must be a positive integer.")
                    .dittoHeaders(headers).build();
        }
        final Optional<SearchCursor> cursor = cursor(filter, parsed, headers);
        final String effectiveFilter = cursor.map(SearchCursor::filter).orElse(filter);
        final Set<String> effectiveNamespaces = cursor.map(SearchCursor::namespaces).orElse(namespaces);
        final Predicate<Thing> predicate = predicate(effectiveFilter, effectiveNamespaces, headers);
        final Optional<JsonFieldSelector> selector = Optional.ofNullable(fields).map(ThingSearch::fieldSelector);

        // options as Ditto's ParameterOptionVisitor applies them, the cursor's sort replacing the command's
        long skip = 0;
        long limit = DEFAULT_SIZE;
        List<SortOptionEntry> sort = List.of(DEFAULT_SORT);
        final List<Option> effective = new ArrayList<>();
        cursor.ifPresent(c -> effective.add(c.sort()));
        parsed.stream().filter(o -> cursor.isEmpty() || !(o instanceof SortOption)).forEach(effective::add);
        for (final Option option : effective) {
            if (option instanceof SortOption s) {
                sort = completeSort(validSort(s, headers).getEntries());
            } else if (option instanceof LimitOption l) {
                skip = check(l.getOffset(), Integer.MAX_VALUE, "skip", headers);
                limit = check(l.getCount(), MAX_SIZE, "limit", headers);
            } else if (option instanceof SizeOption s) {
                skip = 0;
                limit = check(s.getSize(), MAX_SIZE, "size", headers);
            }
        }
        final List<SortOptionEntry> sortEntries = sort;
        final Comparator<JsonArray> order = SortValues.order(sortEntries);
        final Set<JsonPointer> needed = fieldsOf(effectiveFilter);
        sortEntries.forEach(entry -> needed.add(entry.getPropertyPath()));
        Stream<Sorted> matches = readableThings.apply(headers.getAuthorizationContext(), needed)
                .filter(c -> predicate.test(c.partial()))
                .map(c -> new Sorted(c, SortValues.of(c.partial(), sortEntries)))
                .sorted((a, b) -> order.compare(a.values(), b.values()));
        if (cursor.isPresent()) {
            final JsonArray position = cursor.get().values();
            matches = matches.filter(s -> order.compare(s.values(), position) > 0);
        }
        final List<Sorted> page = matches.skip(skip).limit(limit + 1).toList();
        if (page.isEmpty()) {
            return SearchModelFactory.emptySearchResult().toJson();
        }
        final boolean more = limit > 0 && page.size() > limit;
        final List<Sorted> items = more ? page.subList(0, (int) limit) : page;
        final JsonArray json = items.stream().map(s -> item(s.candidate().whole().get(), selector))
                .collect(JsonCollectors.valuesToArray());
        final boolean hasLimit = !all(LimitOption.class, parsed).isEmpty();
        final long nextPageOffset = more ? skip + limit : -1L;
        final SearchResult result = SearchModelFactory.newSearchResult(json, nextPageOffset);
        if (hasLimit) {
            return result.toJson();
        }
        final String nextCursor = more
                ? new SearchCursor(effectiveFilter, effectiveNamespaces, SortOption.of(sortEntries),
                        items.get(items.size() - 1).values()).encode()
                : null;
        final boolean keepOffset = cursor.isEmpty() && sizes.isEmpty();
        return result.toBuilder().cursor(nextCursor).nextPageOffset(keepOffset ? nextPageOffset : null)
                .build().toJson();
    }

    /** {@code GET /api/2/search/things/count}: the number of things matching filter and namespaces. */
    public long count(final String filter, final Set<String> namespaces,
            final DittoHeaders headers) {
        final Predicate<Thing> predicate = predicate(filter, namespaces, headers);
        return readableThings.apply(headers.getAuthorizationContext(), fieldsOf(filter))
                .filter(c -> predicate.test(c.partial())).count();
    }

    /** The fields a (valid) filter looks at: all a thing needs to be judged by it. */
    private static Set<JsonPointer> fieldsOf(final String filter) {
        final Set<JsonPointer> fields = new HashSet<>();
        if (filter != null) {
            final FieldNamesPredicateVisitor names = FieldNamesPredicateVisitor.getNewInstance();
            names.visit(RqlPredicateParser.getInstance().parse(filter));
            names.getFieldNames().forEach(name -> fields.add(JsonPointer.of(name)));
        }
        return fields;
    }

    private record Sorted(SearchCandidate candidate, JsonArray values) {}

    /** Ditto's gateway joins several {@code filter} parameters as {@code and(f1,f2,...)}; null for none. */
    public static String combineFilters(final List<String> filters) {
        return filters.isEmpty() ? null : filters.stream().collect(Collectors.joining(",", "and(", ")"));
    }

    private static List<Option> parseOptions(final List<String> options, final DittoHeaders headers) {
        if (options.isEmpty()) {
            return List.of();
        }
        try {
            return OptionParser.parse(String.join(",", options));
        } catch (final ParserException | IllegalArgumentException e) {
            // Ditto's ThingsSearchCursor parses the options first and reports a syntax error this way
            throw InvalidRqlExpressionException.newBuilder().message(e.getMessage()).cause(e)
                    .dittoHeaders(headers).build();
        }
    }

    private static Optional<SearchCursor> cursor(final String filter, final List<Option> options,
            final DittoHeaders headers) {
        final List<CursorOption> cursors = all(CursorOption.class, options);
        if (cursors.isEmpty()) {
            return Optional.empty();
        }
        if (cursors.size() > 1) {
            throw SearchCursor.invalid().description("There may not be more than 1 'cursor' option.")
                    .dittoHeaders(headers).build();
        }
        if (!all(LimitOption.class, options).isEmpty()) {
            throw SearchCursor.invalid().description(LIMIT_WITH_CURSOR).dittoHeaders(headers).build();
        }
        final SearchCursor cursor;
        try {
            cursor = SearchCursor.decode(cursors.get(0).getCursor());
        } catch (final InvalidOptionException e) {
            throw e.setDittoHeaders(headers);
        }
        final String description;
        if (filter != null && !filter.equals(cursor.filter())) {
            description = "The parameter 'filter' must not differ from the original query of the cursor.";
        } else if (all(SortOption.class, options).stream()
                .anyMatch(s -> !compatible(cursor.sort().getEntries(), s.getEntries(), 0))) {
            description = "The option 'sort' must not differ from the original query of the cursor.";
        } else {
            return Optional.of(cursor);
        }
        throw SearchCursor.invalid().description(description).dittoHeaders(headers).build();
    }

    /** Ditto's {@code ThingsSearchCursor.areCompatible}. */
    private static boolean compatible(final List<SortOptionEntry> cursor, final List<SortOptionEntry> command,
            final int i) {
        if (i >= cursor.size() && i >= command.size()) {
            return true;
        } else if (i >= command.size()) {
            return i + 1 == cursor.size() && DEFAULT_SORT.equals(cursor.get(i));
        } else if (i >= cursor.size()) {
            return false;
        } else if (Objects.equals(cursor.get(i), command.get(i))) {
            return THING_ID.equals(cursor.get(i).getPropertyPath()) || compatible(cursor, command, i + 1);
        }
        return false;
    }

    /** Truncated after {@code thingId}, or {@code +thingId} appended: every position is unique. */
    private static List<SortOptionEntry> completeSort(final List<SortOptionEntry> entries) {
        final List<SortOptionEntry> result = new ArrayList<>();
        for (final SortOptionEntry entry : entries) {
            result.add(entry);
            if (THING_ID.equals(entry.getPropertyPath())) {
                return result;
            }
        }
        result.add(DEFAULT_SORT);
        return result;
    }

    private static SortOption validSort(final SortOption sort, final DittoHeaders headers) {
        for (final SortOptionEntry entry : sort.getEntries()) {
            try {
                ModelBasedThingsFieldExpressionFactory.getInstance().sortBy(entry.getPropertyPath().toString());
            } catch (final IllegalArgumentException e) {
                throw InvalidOptionException.newBuilder().message(e.getMessage()).cause(e).dittoHeaders(headers)
                        .build();
            }
        }
        return sort;
    }

    /** Ditto's {@code Validator} of the search's query builder. */
    private static int check(final long value, final int max, final String name, final DittoHeaders headers) {
        final String message;
        if (value < 0) {
            message = "Parameter <" + name + "> must be greater than or equal to <0> but it was <" + value + ">!";
        } else if (value > max) {
            message = "Parameter <" + name + "> must be less than or equal to <" + max + "> but it was <" + value
                    + ">!";
        } else {
            return (int) value;
        }
        throw InvalidOptionException.newBuilder().message(message).dittoHeaders(headers).build();
    }

    private static Predicate<Thing> predicate(final String filter, final Set<String> namespaces,
            final DittoHeaders headers) {
        final Predicate<Thing> inNamespaces = namespaces == null
                ? t -> true
                : t -> t.getEntityId().map(id -> namespaces.contains(id.getNamespace())).orElse(false);
        if (filter == null) {
            return inNamespaces;
        }
        // throws InvalidRqlExpressionException (400 rql.expression.invalid) as Ditto's QueryParser does
        final Criteria criteria = QueryFilterCriteriaFactory.modelBased(RqlPredicateParser.getInstance())
                .filterCriteria(filter, headers);
        final Predicate<Thing> matches = ThingPredicateVisitor.apply(criteria,
                PlaceholderFactory.newPlaceholderResolver(TimePlaceholder.getInstance(), new Object()));
        return inNamespaces.and(matches);
    }

    private static JsonFieldSelector fieldSelector(final String fields) {
        return DittoJsonException.wrapJsonRuntimeException(() -> JsonFactory.newFieldSelector(fields, FIELDS_OPTIONS));
    }

    /** As GET thing answers: the feature id wildcard expanded per thing. */
    private static JsonValue item(final Thing thing, final Optional<JsonFieldSelector> fields) {
        if (fields.isEmpty()) {
            return thing.toJson();
        }
        final Features features = thing.getFeatures().orElse(ThingsModelFactory.emptyFeatures());
        return thing.toJson(JsonSchemaVersion.V_2,
                ThingsModelFactory.expandFeatureIdWildcards(features, fields.get()));
    }

    private static <T> List<T> all(final Class<T> type, final List<?> options) {
        return options.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The sort values of a thing and their order. */
    static final class SortValues {

        private SortValues() {}

        static JsonArray of(final Thing thing, final List<SortOptionEntry> sort) {
            final JsonObject json = thing.toJson(JsonSchemaVersion.V_2, FieldType.regularOrSpecial());
            return sort.stream()
                    .map(e -> json.getValue(e.getPropertyPath()).orElse(JsonFactory.nullLiteral()))
                    .collect(JsonCollectors.valuesToArray());
        }

        static Comparator<JsonArray> order(final List<SortOptionEntry> sort) {
            return (a, b) -> {
                for (int i = 0; i < sort.size(); i++) {
                    final int c = compare(a.get(i).orElse(JsonFactory.nullLiteral()),
                            b.get(i).orElse(JsonFactory.nullLiteral()));
                    if (c != 0) {
                        return sort.get(i).getOrder() == SortOptionEntry.SortOrder.ASC ? c : -c;
                    }
                }
                return 0;
            };
        }

        /**
         * MongoDB's order, which Ditto's search inherits: missing and null first, then numbers (by value), strings
         * (by code point), objects, arrays, booleans (false first).
         */
        static int compare(final JsonValue a, final JsonValue b) {
            final int rank = Integer.compare(rank(a), rank(b));
            if (rank != 0) {
                return rank;
            }
            if (a.isNumber()) {
                return new java.math.BigDecimal(a.toString()).compareTo(new java.math.BigDecimal(b.toString()));
            }
            if (a.isString()) {
                return compareCodePoints(a.asString(), b.asString());
            }
            if (a.isBoolean()) {
                return Boolean.compare(a.asBoolean(), b.asBoolean());
            }
            return a.isNull() ? 0 : compareCodePoints(a.toString(), b.toString());
        }

        private static int rank(final JsonValue v) {
            if (v.isNull()) {
                return 0;
            } else if (v.isNumber()) {
                return 1;
            } else if (v.isString()) {
                return 2;
            } else if (v.isObject()) {
                return 3;
            } else if (v.isArray()) {
                return 4;
            }
            return 5;
        }

        private static int compareCodePoints(final String a, final String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                final int ca = a.codePointAt(i);
                final int cb = b.codePointAt(j);
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
                i += Character.charCount(ca);
                j += Character.charCount(cb);
            }
            return Integer.compare(a.length() - i, b.length() - j);
        }
    }
}
