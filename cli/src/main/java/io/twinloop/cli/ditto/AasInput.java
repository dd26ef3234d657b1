package io.twinloop.cli.ditto;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.mapping.ImportResult;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingMapper;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How AAS files become things, as {@code aas import} and {@code ditto provision} take them: {@code --namespace NS
 * [--max-thing-size BYTES] [--allow-external-submodels]}. Reading refuses bad input with
 * {@link io.twinloop.aas.AasInputException} naming the file and the place.
 */
public final class AasInput {

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "Ditto namespace of the thing ids")
    private String namespace;

    @Option(names = "--max-thing-size", paramLabel = "BYTES", defaultValue = "102400",
            description = "refuse things larger than this (Ditto's default limit is 100 kB; 0 = no limit). "
                    + "Default: ${DEFAULT-VALUE}")
    private long maxThingBytes;

    @Option(names = "--allow-external-submodels",
            description = "accept shells that reference submodels not in the given files (the reference is kept, "
                    + "no feature is created); by default such a dangling reference is an error")
    private boolean allowExternalSubmodels;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandSpec spec;

    /** The mapping options; a usage error naming {@code --namespace} when Ditto would not accept it. */
    public MappingOptions options() {
        try {
            return new MappingOptions(namespace, maxThingBytes, allowExternalSubmodels);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--namespace '" + namespace
                    + "' is not a valid Ditto namespace: " + e.getMessage());
        }
    }

    /** Reads and maps every file; warnings go to {@code err}. */
    public ImportResult read(final List<Path> files, final MappingOptions options, final PrintWriter err) {
        return map(packages(files), options, err);
    }

    /** Reads every file (all are read before anything is mapped or written). */
    public List<AasPackage> packages(final List<Path> files) {
        final EnvironmentReader reader = EnvironmentReader.newInstance();
        final List<AasPackage> packages = new ArrayList<>();
        for (final Path file : files) {
            packages.add(reader.read(file));
        }
        return packages;
    }

    /** Maps read packages to things; warnings go to {@code err}. */
    public ImportResult map(final List<AasPackage> packages, final MappingOptions options, final PrintWriter err) {
        final ImportResult result = ThingMapper.of(options).map(packages);
        result.warnings().forEach(warning -> err.println("warning: " + warning));
        return result;
    }
}
