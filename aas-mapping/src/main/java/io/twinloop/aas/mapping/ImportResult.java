package io.twinloop.aas.mapping;

import java.util.List;

/**
 * What an import produced: one thing per shell (and one per file for environment content no shell owns),
 * and what an operator should know about it.
 */
public record ImportResult(List<MappedThing> things, List<String> warnings) {

    public ImportResult {
        things = List.copyOf(things);
        warnings = List.copyOf(warnings);
    }
}
