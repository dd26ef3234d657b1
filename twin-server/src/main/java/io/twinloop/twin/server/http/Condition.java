package io.twinloop.twin.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonPointerInvalidException;
import org.eclipse.ditto.placeholders.PlaceholderFactory;
import org.eclipse.ditto.placeholders.TimePlaceholder;
import org.eclipse.ditto.rql.model.ParserException;
import org.eclipse.ditto.rql.model.predicates.ast.RootNode;
import org.eclipse.ditto.rql.parser.RqlPredicateParser;
import org.eclipse.ditto.rql.query.criteria.Criteria;
import org.eclipse.ditto.rql.query.filter.QueryFilterCriteriaFactory;
import org.eclipse.ditto.rql.query.things.FieldNamesPredicateVisitor;
import org.eclipse.ditto.rql.query.things.ThingPredicateVisitor;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingConditionFailedException;
import org.eclipse.ditto.things.model.signals.commands.exceptions.ThingConditionInvalidException;

/**
 * Ditto's RQL {@code condition} header / query parameter, evaluated with Ditto's own parser and thing predicate
 * visitor as Ditto's things service does ({@code ThingCommandEnforcement} parses, {@code ThingConditionValidator}
 * evaluates, both before the If-Match/If-None-Match checks).
 * <p>
 * Like Ditto, the condition only applies to an existing thing: a request that creates the thing (PUT, or a root
 * PATCH turned into a create) ignores it, and one addressing a missing thing answers 404 without looking at it,
 * not even at its syntax (Ditto parses it only once it has the thing's policy). So it is checked in the store's
 * modification, against exactly the state the write applies to.
 */
final class Condition {

    private Condition() {}

    /**
     * @throws ThingConditionInvalidException 400 if the condition is not valid RQL
     * @throws ThingConditionFailedException 412 if the thing does not satisfy it, or if the subject may not read
     *         every field it names (as in Ditto: a condition must not reveal values the subject cannot read)
     */
    static void check(final ApiRequest request, final Optional<Thing> current, final ThingAccess access) {
        final DittoHeaders headers = request.headers();
        final Optional<String> condition = headers.getCondition();
        if (condition.isEmpty() || current.isEmpty()) {
            return;
        }
        final Predicate<Thing> predicate = predicate(condition.get(), headers, fields -> {
            if (!access.mayReadAll(current.get(), fields, request.subject())) {
                throw ThingConditionFailedException.newBuilderForInsufficientPermission(headers).build();
            }
        });
        if (!predicate.test(current.get())) {
            throw ThingConditionFailedException.newBuilder(headers).build();
        }
    }

    private static Predicate<Thing> predicate(final String condition, final DittoHeaders headers,
            final Consumer<List<JsonPointer>> fieldsCheck) {
        final RqlPredicateParser parser = RqlPredicateParser.getInstance();
        final RootNode root;
        try {
            root = parser.parse(condition);
        } catch (final ParserException e) {
            throw ThingConditionInvalidException.newBuilder(condition, e.getMessage()).dittoHeaders(headers).build();
        }
        // Ditto turns every field into a policy resource key, which rejects invalid pointers as condition.invalid
        final FieldNamesPredicateVisitor fieldNames = FieldNamesPredicateVisitor.getNewInstance();
        fieldNames.visit(root);
        final List<JsonPointer> fields = new ArrayList<>();
        for (final String field : fieldNames.getFieldNames()) {
            try {
                fields.add(JsonPointer.of(field));
            } catch (final JsonPointerInvalidException e) {
                throw ThingConditionInvalidException.newBuilder(field, e.getDescription().orElse(""))
                        .dittoHeaders(headers).build();
            }
        }
        fieldsCheck.accept(fields);
        final Criteria criteria = QueryFilterCriteriaFactory.modelBased(parser).filterCriteria(condition, headers);
        // time:now as in Ditto, e.g. gt(attributes/validUntil,time:now)
        return ThingPredicateVisitor.apply(criteria,
                PlaceholderFactory.newPlaceholderResolver(TimePlaceholder.getInstance(), new Object()));
    }
}
