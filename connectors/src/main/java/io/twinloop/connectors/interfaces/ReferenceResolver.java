package io.twinloop.connectors.interfaces;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.digitaltwin.aas4j.v3.model.Environment;
import org.eclipse.digitaltwin.aas4j.v3.model.Key;
import org.eclipse.digitaltwin.aas4j.v3.model.KeyTypes;
import org.eclipse.digitaltwin.aas4j.v3.model.Reference;
import org.eclipse.digitaltwin.aas4j.v3.model.Submodel;
import org.eclipse.digitaltwin.aas4j.v3.model.SubmodelElement;
import org.eclipse.digitaltwin.aas4j.v3.model.SubmodelElementCollection;
import org.eclipse.digitaltwin.aas4j.v3.model.SubmodelElementList;

/**
 * Follows AAS model references ({@code Submodel} key, then idShorts, list items by index) to elements of one
 * environment, the one assembled from a single twin.
 */
final class ReferenceResolver {

    /** An element found by reference, with the submodel it is in and its idShort path there. */
    record Resolved(Submodel submodel, SubmodelElement element, List<String> path) {
    }

    private final Environment environment;

    ReferenceResolver(final Environment environment) {
        this.environment = environment;
    }

    Optional<Resolved> resolve(final Reference reference) {
        if (reference == null || reference.getKeys() == null || reference.getKeys().size() < 2) {
            return Optional.empty();
        }
        final List<Key> keys = reference.getKeys();
        if (keys.get(0).getType() != KeyTypes.SUBMODEL) {
            return Optional.empty();
        }
        final Optional<Submodel> submodel = submodel(keys.get(0).getValue());
        if (submodel.isEmpty()) {
            return Optional.empty();
        }
        List<SubmodelElement> level = submodel.get().getSubmodelElements();
        SubmodelElement element = null;
        final List<String> path = new ArrayList<>();
        for (final Key key : keys.subList(1, keys.size())) {
            element = child(level, key.getValue()).orElse(null);
            if (element == null) {
                return Optional.empty();
            }
            path.add(key.getValue());
            level = children(element);
        }
        return Optional.of(new Resolved(submodel.get(), element, path));
    }

    Optional<Submodel> submodel(final String id) {
        return environment.getSubmodels().stream().filter(s -> id.equals(s.getId())).findFirst();
    }

    static Optional<SubmodelElement> child(final List<SubmodelElement> elements, final String idShortOrIndex) {
        if (elements == null) {
            return Optional.empty();
        }
        final Optional<SubmodelElement> byIdShort = elements.stream()
                .filter(e -> idShortOrIndex.equals(e.getIdShort())).findFirst();
        if (byIdShort.isPresent() || !idShortOrIndex.chars().allMatch(Character::isDigit)) {
            return byIdShort;
        }
        final int index = Integer.parseInt(idShortOrIndex);
        return index < elements.size() ? Optional.of(elements.get(index)) : Optional.empty();
    }

    static List<SubmodelElement> children(final SubmodelElement element) {
        if (element instanceof SubmodelElementCollection collection) {
            return collection.getValue();
        }
        if (element instanceof SubmodelElementList list) {
            return list.getValue();
        }
        return List.of();
    }
}
