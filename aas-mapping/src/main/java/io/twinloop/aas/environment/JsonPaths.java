package io.twinloop.aas.environment;

import java.util.List;

import com.fasterxml.jackson.databind.JsonMappingException;

/** Renders Jackson's reference path as a JSONPath-like place ({@code $.submodels[0].idShort}). */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** The place of the first Jackson mapping problem in a chain of causes, or "" when none says. */
    public static String placeOf(final Throwable problem) {
        for (Throwable t = problem; t != null; t = t.getCause()) {
            if (t instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                return of(mapping.getPath());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return "";
    }

    static String of(final List<JsonMappingException.Reference> path) {
        final StringBuilder place = new StringBuilder("$");
        for (final JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                place.append('.').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                place.append('[').append(reference.getIndex()).append(']');
            }
        }
        return place.toString();
    }
}
