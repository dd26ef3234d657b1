package io.twinloop.aas.environment;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.digitaltwin.aas4j.v3.model.Environment;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An AAS environment as read from (or to be written to) one file: the model, the supplementary files
 * that came with it, and what it was read as.
 *
 * @param source name of the file it came from, used in every message about it
 * @param format the serialization it was read from
 * @param version the metamodel version it declared; JSON does not declare one and is read as v3.0
 * @param environment the aas4j model
 * @param files supplementary files referenced by the environment (AASX only)
 * @param warnings things an operator should know that did not stop the read
 * @param json the environment as AAS JSON, when the reader had it anyway (it is the tree aas4j built the model
 *        from), so that the mapping need not serialize the model again; null when built from a model alone.
 *        Shared, not copied: treat it as read-only.
 */
public record AasPackage(String source, AasFormat format, AasVersion version, Environment environment,
        List<SupplementaryFile> files, List<String> warnings, ObjectNode json) {

    public AasPackage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(environment, "environment");
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** A package made from a model alone (no JSON tree at hand). */
    public AasPackage(final String source, final AasFormat format, final AasVersion version,
            final Environment environment, final List<SupplementaryFile> files, final List<String> warnings) {
        this(source, format, version, environment, files, warnings, null);
    }

    public Optional<ObjectNode> environmentJson() {
        return Optional.ofNullable(json);
    }
}
