package io.twinloop.connectors.interfaces;

import java.util.List;
import java.util.Objects;

/**
 * One field of the items of a SubmodelElementList of collections, filled from an array data point (TwinLoop's
 * {@code TwinLoopListField} qualifier on an AIMC relation), and all the fields of those items that the same mapping
 * configuration fills: the list is written only when it has an array for each of them from one sample.
 *
 * @param name the field's idShort in each item, e.g. {@code DueDate}
 * @param fields every mapped field of the items, in relation order, e.g. {@code [JobId, DueDate, Quantity]}
 */
public record ListField(String name, List<String> fields) {

    public ListField {
        Objects.requireNonNull(name, "name");
        fields = List.copyOf(fields);
        if (!fields.contains(name)) {
            throw new IllegalArgumentException("list field " + name + " is not among " + fields);
        }
    }
}
