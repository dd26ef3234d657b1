package io.twinloop.aas.validation;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of validating one AAS document: which file, which AAS version it was read as, and
 * every violation found.
 *
 * <p>The report is immutable so that the CLI (or a test) can print, count and decide the exit code
 * from the same object without re-running anything. The version is part of the report because AAS
 * 3.1 XML is checked by rewriting its namespace: a reader must be able to see that a file was
 * treated as 3.1 content checked against the 3.0 metamodel.
 */
public final class ValidationReport {

    /** Version reported when the document could not be read as an AAS v3 environment at all. */
    public static final String UNKNOWN_VERSION = "unknown";

    private final String sourceName;
    private final String version;
    private final List<Violation> violations;

    private ValidationReport(String sourceName, String version, List<Violation> violations) {
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.version = Objects.requireNonNull(version, "version");
        this.violations = List.copyOf(violations);
    }

    /**
     * Creates a report.
     *
     * @param sourceName the file name (or other label) printed in front of every line
     * @param version "3.0" or "3.1" as the document was read, or {@link #UNKNOWN_VERSION}
     * @param violations the violations, in the order they should be printed
     */
    public static ValidationReport of(String sourceName, String version, List<Violation> violations) {
        return new ValidationReport(sourceName, version, violations);
    }

    /** The file name (or other label) of the validated document. */
    public String sourceName() {
        return sourceName;
    }

    /** "3.0" or "3.1": the AAS version the document was read as; "unknown" if it was not AAS v3. */
    public String version() {
        return version;
    }

    /** All violations; empty exactly when the document is valid. */
    public List<Violation> violations() {
        return violations;
    }

    /** True when no violation of any kind was found; the CLI exits with 0 only then. */
    public boolean isValid() {
        return violations.isEmpty();
    }

    /**
     * One summary line: the source, the version it was read as and the verdict, for example {@code
     * motor.xml: AAS 3.1 (checked with the 3.0 metamodel): 2 violations}.
     */
    public String header() {
        String read;
        if (UNKNOWN_VERSION.equals(version)) {
            read = "not read as an AAS v3 environment";
        } else if ("3.1".equals(version)) {
            read = "AAS 3.1 (checked with the 3.0 metamodel)";
        } else {
            read = "AAS " + version;
        }
        String verdict =
                isValid() ? "valid" : violations.size() + (violations.size() == 1 ? " violation" : " violations");
        return sourceName + ": " + read + ": " + verdict;
    }

    /** The violations, one line each, as {@code FILE: PATH: MESSAGE}. */
    public List<String> lines() {
        return violations.stream().map(v -> v.toLine(sourceName)).collect(Collectors.toList());
    }

    /** The {@link #header()} line followed by one {@code FILE: PATH: MESSAGE} line per violation. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(header());
        for (String line : lines()) {
            text.append('\n').append(line);
        }
        return text.toString();
    }
}
