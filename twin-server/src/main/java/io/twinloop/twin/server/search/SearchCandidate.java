package io.twinloop.twin.server.search;

import java.util.function.Supplier;

import org.eclipse.ditto.things.model.Thing;

/**
 * A thing a subject may search, as far as it may read it.
 *
 * @param partial the fields the query filters and sorts on (at least), with the thing's id
 * @param whole the whole thing as the subject may read it, built only for the things that make the page
 */
public record SearchCandidate(Thing partial, Supplier<Thing> whole) {}
