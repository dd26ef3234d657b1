package io.twinloop.optimizer.projection;

import java.util.List;
import java.util.Optional;

/**
 * Which twins the optimizer follows: the namespaces, and optionally an RQL filter (as for Ditto's search and
 * {@code START-SEND-EVENTS}).
 */
public record TwinScope(List<String> namespaces, Optional<String> filter) {

    public TwinScope {
        namespaces = List.copyOf(namespaces);
        if (namespaces.isEmpty()) {
            throw new IllegalArgumentException("the optimizer must follow at least one namespace");
        }
        filter = filter.filter(f -> !f.isBlank());
    }

    public static TwinScope of(final String... namespaces) {
        return new TwinScope(List.of(namespaces), Optional.empty());
    }
}
