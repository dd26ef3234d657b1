package io.twinloop.twin.server.ws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.exceptions.InvalidRqlExpressionException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonParseOptions;
import org.eclipse.ditto.json.JsonRuntimeException;
import org.eclipse.ditto.placeholders.PlaceholderFactory;
import org.eclipse.ditto.placeholders.TimePlaceholder;
import org.eclipse.ditto.protocol.TopicPath;
import org.eclipse.ditto.protocol.placeholders.ResourcePlaceholder;
import org.eclipse.ditto.protocol.placeholders.TopicPathPlaceholder;
import org.eclipse.ditto.rql.model.ParserException;
import org.eclipse.ditto.rql.parser.RqlPredicateParser;
import org.eclipse.ditto.rql.query.criteria.Criteria;
import org.eclipse.ditto.rql.query.filter.QueryFilterCriteriaFactory;
import org.eclipse.ditto.rql.query.things.ThingPredicateVisitor;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.things.model.signals.events.ThingEvent;
import org.eclipse.ditto.things.model.signals.events.ThingEventToThingConverter;

/**
 * The parameters of {@code START-SEND-EVENTS?namespaces=a,b&filter=<RQL>&extraFields=<fields>}, applied as Ditto
 * applies them: the namespaces restrict by the thing id's namespace; the RQL filter is evaluated on the
 * <em>changed data</em> (the event's payload as a partial thing, Ditto's {@code ThingEventToThingConverter}) plus
 * the {@code extraFields} of the thing after the change, not on the whole thing ("Data which was not changed will
 * only be considered when it was enriched via extraFields", basic-changenotifications). The placeholders
 * {@code topic:*}, {@code resource:*} and {@code time:now} work as in Ditto.
 *
 * @param namespaces empty = all namespaces
 * @param filter the RQL filter's criteria, if any
 * @param extraFields fields of the thing to add to each event as {@code extra}, if any
 * @param quickCheck for a filter of exists terms, a "no" that needs no conversion of the change (see
 *        {@link ChangedFieldsCheck})
 */
record EventFilter(Set<String> namespaces, Optional<Criteria> filter, Optional<JsonFieldSelector> extraFields,
        Optional<ChangedFieldsCheck> quickCheck) {

    static final EventFilter ALL = new EventFilter(Set.of(), Optional.empty(), Optional.empty(), Optional.empty());
    private static final JsonParseOptions FIELDS_OPTIONS = JsonParseOptions.newBuilder().withoutUrlDecoding().build();

    /**
     * @param query the part after {@code ?}, URL-encoded as Ditto requires (so {@code &} inside a filter is
     *        {@code %26})
     * @throws DittoRuntimeException for an invalid filter or field selector
     */
    static EventFilter parse(final String query) {
        final Map<String, String> parameters = new HashMap<>();
        for (final String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            final int eq = pair.indexOf('=');
            final String name = eq < 0 ? pair : pair.substring(0, eq);
            final String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.put(decode(name), decode(value));
        }
        final Set<String> namespaces = Optional.ofNullable(parameters.get("namespaces"))
                .map(n -> Arrays.stream(n.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
        final Optional<String> rql = Optional.ofNullable(parameters.get("filter")).filter(f -> !f.isBlank());
        final Optional<Criteria> filter = rql.map(EventFilter::criteria);
        final Optional<JsonFieldSelector> extraFields = Optional.ofNullable(parameters.get("extraFields"))
                .filter(f -> !f.isBlank())
                .map(f -> {
                    try {
                        return JsonFactory.newFieldSelector(f, FIELDS_OPTIONS);
                    } catch (final JsonRuntimeException e) {
                        throw InvalidRqlExpressionException.newBuilder()
                                .message("The extraFields <" + f + "> are invalid: " + e.getMessage()).build();
                    }
                });
        return new EventFilter(namespaces, filter, extraFields,
                rql.flatMap(f -> ChangedFieldsCheck.of(RqlPredicateParser.getInstance().parse(f))));
    }

    private static String decode(final String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static Criteria criteria(final String filter) {
        final RqlPredicateParser parser = RqlPredicateParser.getInstance();
        try {
            parser.parse(filter);
            return QueryFilterCriteriaFactory.modelBased(parser, TopicPathPlaceholder.getInstance(),
                    ResourcePlaceholder.getInstance(), TimePlaceholder.getInstance())
                    .filterCriteria(filter, DittoHeaders.empty());
        } catch (final ParserException | IllegalArgumentException e) {
            throw InvalidRqlExpressionException.newBuilder().message(e.getMessage()).build();
        }
    }

    /** The extra fields of the thing after the change (empty for a deletion or without extraFields). */
    /**
     * @param thing the thing after the change as the session's subject may read it, asked for only if the
     *        subscription has extra fields
     */
    JsonObject extra(final Supplier<Optional<Thing>> thing) {
        return extraFields.flatMap(f -> thing.get().map(t -> t.toJson(t.getImplementedSchemaVersion(), f)))
                .orElse(JsonObject.empty());
    }

    boolean matches(final ThingEvent<?> event, final TopicPath topic, final JsonObject extra) {
        if (!namespaces.isEmpty() && !namespaces.contains(event.getEntityId().getNamespace())) {
            return false;
        }
        if (filter.isEmpty()) {
            return true;
        }
        if (extraFields.isEmpty() && quickCheck.isPresent() && quickCheck.get().certainlyNoMatch(event)) {
            return false;
        }
        final Thing changed = (extraFields.isPresent()
                ? ThingEventToThingConverter.mergeThingWithExtraFields(event, extraFields.get(), extra)
                : ThingEventToThingConverter.thingEventToThing(event))
                .orElseGet(() -> ThingsModelFactory.newThingBuilder().setId(event.getEntityId()).build());
        final Predicate<Thing> predicate = ThingPredicateVisitor.apply(filter.get(),
                PlaceholderFactory.newPlaceholderResolver(TopicPathPlaceholder.getInstance(), topic),
                PlaceholderFactory.newPlaceholderResolver(ResourcePlaceholder.getInstance(), event),
                PlaceholderFactory.newPlaceholderResolver(TimePlaceholder.getInstance(), new Object()));
        return predicate.test(changed);
    }
}
