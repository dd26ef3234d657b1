package io.twinloop.twin.server.http;

import java.util.List;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonFieldSelector;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.things.model.Features;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingsModelFactory;

/**
 * The {@code *} feature id wildcard of field selectors ({@code fields=features/*&#47;properties/on}), expanded to
 * one pointer per existing feature with Ditto's own {@link ThingsModelFactory#expandFeatureIdWildcards}, exactly
 * where Ditto's things service expands it: when retrieving the thing and when retrieving {@code /features} (there
 * relative to the features, {@code fields=*&#47;properties/on}). A feature without the selected field is left out,
 * as a plain selector would leave it out.
 */
final class FeatureWildcard {

    private FeatureWildcard() {}

    static JsonFieldSelector expand(final Resource resource, final Thing thing, final JsonFieldSelector fields) {
        final Features features = thing.getFeatures().orElse(ThingsModelFactory.emptyFeatures());
        return switch (resource.kind()) {
            case THING -> ThingsModelFactory.expandFeatureIdWildcards(features, fields);
            case FEATURES -> relativeToFeatures(features, fields);
            default -> fields;
        };
    }

    /** As Ditto's RetrieveFeaturesStrategy: prefix {@code /features}, expand, strip the prefix again. */
    private static JsonFieldSelector relativeToFeatures(final Features features, final JsonFieldSelector fields) {
        final List<JsonPointer> prefixed = fields.getPointers().stream()
                .map(pointer -> Thing.JsonFields.FEATURES.getPointer().append(pointer))
                .toList();
        final List<JsonPointer> expanded = ThingsModelFactory
                .expandFeatureIdWildcards(features, JsonFactory.newFieldSelector(prefixed))
                .getPointers().stream()
                .map(pointer -> pointer.getSubPointer(1).orElse(JsonPointer.empty()))
                .toList();
        return JsonFactory.newFieldSelector(expanded);
    }
}
