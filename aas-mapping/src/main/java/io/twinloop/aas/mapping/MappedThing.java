package io.twinloop.aas.mapping;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.eclipse.ditto.things.model.Thing;

import io.twinloop.aas.environment.SupplementaryFile;

/**
 * A Ditto thing that holds AAS content, with the supplementary files stored beside it.
 *
 * @param thing the thing as Ditto would store it
 * @param source where it came from (an AAS file on import, a thing file on export), for messages
 * @param files the package files its File elements and thumbnail reference
 */
public record MappedThing(Thing thing, String source, List<SupplementaryFile> files) {

    public MappedThing {
        Objects.requireNonNull(thing, "thing");
        Objects.requireNonNull(source, "source");
        files = List.copyOf(files);
    }

    /** The size Ditto's thing size limit applies to: the thing's JSON in UTF-8. */
    public int jsonBytes() {
        return thing.toJsonString().getBytes(StandardCharsets.UTF_8).length;
    }
}
