package io.twinloop.aas.mapping;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.twinloop.aas.AasInputException;

/**
 * Thing names for one import run: a shell's idShort, and {@code <file name>-environment} for a file's environment
 * thing; names that occur more than once in the run get a short hash of the AAS id (or file) appended, so names are
 * unique and the same input always gives the same names. Keys are the shell nodes and package contents themselves.
 */
final class ThingNames {

    private static final Pattern EXTENSION = Pattern.compile("\\..*$");
    private static final Pattern NOT_IN_NAME = Pattern.compile("[^A-Za-z0-9_.-]");

    private ThingNames() {
    }

    static Map<Object, String> of(final List<PackageContent> contents) {
        final Map<Object, String> readable = new IdentityHashMap<>();
        final Map<Object, String> ids = new IdentityHashMap<>();
        final Map<String, String> shellSources = new HashMap<>();
        for (final PackageContent content : contents) {
            for (final ObjectNode shell : content.shells()) {
                final String id = shell.path("id").asText();
                final String earlier = shellSources.putIfAbsent(id, content.source().source());
                if (earlier != null) {
                    throw AasInputException.of(content.source().source(), "assetAdministrationShells[" + id + "]",
                            "shell id also appears in " + earlier + "; each shell may be imported once");
                }
                readable.put(shell, Names.readable(shell.path("idShort").textValue(), id, "aas"));
                ids.put(shell, id);
            }
            final String stem = NOT_IN_NAME.matcher(EXTENSION.matcher(Path.of(content.source().source()).getFileName()
                    .toString()).replaceAll("")).replaceAll("_");
            readable.put(content, stem + "-environment");
            ids.put(content, content.source().source());
        }
        final Map<String, Integer> counts = new HashMap<>();
        readable.values().forEach(name -> counts.merge(name, 1, Integer::sum));
        readable.replaceAll((key, name) -> counts.get(name) > 1 ? Names.disambiguated(name, ids.get(key)) : name);
        return readable;
    }
}
