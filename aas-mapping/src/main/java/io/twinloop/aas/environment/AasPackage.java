package io.twinloop.aas.environment;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.digitaltwin.aas4j.v3.model.Environment;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An AAS environment as read from (or to be written to) one file: the model, the supplementary files that came with
 * it, and what it was read as. When {@link EnvironmentReader} made it, it also carries the environment as AAS JSON:
 * the tree aas4j built the model from, whose member names have all been checked against Ditto's key rule, so the
 * mapping need neither serialize the model again nor walk the tree to check it.
 */
public final class AasPackage {

    private final String source;
    private final AasFormat format;
    private final AasVersion version;
    private final Environment environment;
    private final List<SupplementaryFile> files;
    private final List<String> warnings;
    private final ObjectNode json;

    private AasPackage(final String source, final AasFormat format, final AasVersion version,
            final Environment environment, final List<SupplementaryFile> files, final List<String> warnings,
            final ObjectNode json) {
        this.source = Objects.requireNonNull(source, "source");
        this.format = Objects.requireNonNull(format, "format");
        this.version = Objects.requireNonNull(version, "version");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.files = List.copyOf(files);
        this.warnings = List.copyOf(warnings);
        this.json = json;
    }

    /**
     * @param source name of the file it came from, used in every message about it
     * @param format the serialization it was read from
     * @param version the metamodel version it declared; JSON does not declare one and is read as v3.0
     * @param environment the aas4j model
     * @param files supplementary files referenced by the environment (AASX only)
     * @param warnings things an operator should know that did not stop the read
     */
    public static AasPackage of(final String source, final AasFormat format, final AasVersion version,
            final Environment environment, final List<SupplementaryFile> files, final List<String> warnings) {
        return new AasPackage(source, format, version, environment, files, warnings, null);
    }

    /** For the reader: with the JSON tree, whose member names it has checked; the tree is shared, not copied. */
    static AasPackage withCheckedJson(final String source, final AasFormat format, final AasVersion version,
            final Environment environment, final List<SupplementaryFile> files, final List<String> warnings,
            final ObjectNode json) {
        return new AasPackage(source, format, version, environment, files, warnings, json);
    }

    public String source() {
        return source;
    }

    public AasFormat format() {
        return format;
    }

    public AasVersion version() {
        return version;
    }

    public Environment environment() {
        return environment;
    }

    public List<SupplementaryFile> files() {
        return files;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** The environment as AAS JSON with Ditto-valid member names, when read by {@link EnvironmentReader}; read-only. */
    public Optional<ObjectNode> environmentJson() {
        return Optional.ofNullable(json);
    }

    @Override
    public String toString() {
        return source + " (" + format + ", AAS v" + version + ")";
    }
}
