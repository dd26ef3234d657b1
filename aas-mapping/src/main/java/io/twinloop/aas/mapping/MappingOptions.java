package io.twinloop.aas.mapping;

import java.util.Objects;

import org.eclipse.ditto.things.model.ThingId;

/**
 * How AAS content becomes things.
 *
 * @param namespace the Ditto namespace of every thing id
 * @param maxThingBytes the largest thing, in bytes of its JSON, that an import may produce; Ditto refuses
 *        larger things (its default limit, {@code things.max-size}, is 100 kB); 0 means no limit
 * @param allowExternalSubmodels whether a shell may reference submodels that are not in the same file (kept as
 *        references in {@code attributes/aas}, without a feature); refused by default, since the twin would lack
 *        them silently
 */
public record MappingOptions(String namespace, long maxThingBytes, boolean allowExternalSubmodels) {

    public static final long DITTO_DEFAULT_MAX_THING_BYTES = 100 * 1024;

    public MappingOptions {
        Objects.requireNonNull(namespace, "namespace");
        ThingId.of(namespace, "probe"); // validates the namespace with Ditto's own rules
        if (maxThingBytes < 0) {
            throw new IllegalArgumentException("maxThingBytes must not be negative");
        }
    }

    public static MappingOptions of(final String namespace) {
        return new MappingOptions(namespace, DITTO_DEFAULT_MAX_THING_BYTES, false);
    }

    public MappingOptions withMaxThingBytes(final long bytes) {
        return new MappingOptions(namespace, bytes, allowExternalSubmodels);
    }

    public MappingOptions withExternalSubmodelsAllowed(final boolean allowed) {
        return new MappingOptions(namespace, maxThingBytes, allowed);
    }
}
