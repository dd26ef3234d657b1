package io.twinloop.connectors.interfaces;

import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.json.JsonPointer;

/**
 * Where a data point's values live in the twin: the submodel element the AIMC relation points at, as the thing
 * holds it ({@code features/<featureId>/properties/<property>}, and the same place under {@code desiredProperties}).
 *
 * <p>Three shapes: a Property (one value); a SubmodelElementList of Properties ({@code list}, the value is a JSON
 * array, e.g. {@code JobSequence}); and one field of the items of a SubmodelElementList of collections
 * ({@code field} present, e.g. {@code JobQueue}'s {@code JobId}): element {@code i} of the data point's array
 * becomes field {@code field.name()} of item {@code i}, and the items are assembled from all of
 * {@code field.fields()} of one sample.
 *
 * @param featureId the feature of the element's submodel
 * @param property the element's idShort path inside the submodel
 * @param valueType the XSD value type ({@code xs:double}, ...) of the element, of each list item, or of the field,
 *         which decides the JSON type in the twin
 * @param list whether the element is a SubmodelElementList, so its value is a JSON array
 * @param field for a list of collections: the field of the items this data point fills
 */
public record Sink(String featureId, JsonPointer property, String valueType, boolean list,
        Optional<ListField> field) {

    public Sink {
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(field, "field");
        if (field.isPresent() && !list) {
            throw new IllegalArgumentException("a list field sink must be a list: " + featureId + property);
        }
    }

    /** A Property: one value. */
    public Sink(final String featureId, final JsonPointer property, final String valueType) {
        this(featureId, property, valueType, false, Optional.empty());
    }

    /** The element whose value is a JSON array, one item per array element. */
    public static Sink listOf(final String featureId, final JsonPointer property, final String itemValueType) {
        return new Sink(featureId, property, itemValueType, true, Optional.empty());
    }

    /** One field of the items of a list of collections. */
    public static Sink listField(final String featureId, final JsonPointer property, final ListField field,
            final String fieldValueType) {
        return new Sink(featureId, property, fieldValueType, true, Optional.of(field));
    }

    @Override
    public String toString() {
        return featureId + property + field.map(f -> "[*]/" + f.name()).orElse("");
    }
}
