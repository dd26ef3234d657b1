package io.twinloop.cli.aas;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.environment.AasFormat;
import io.twinloop.aas.environment.AasVersion;
import io.twinloop.aas.environment.EnvironmentWriter;
import io.twinloop.aas.mapping.EnvironmentAssembler;
import io.twinloop.aas.mapping.ThingDirectory;
import io.twinloop.cli.TwinLoop;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code twinloop aas export DIR --format aasx|json|xml --out FILE}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Builds one AAS environment from the thing files in DIR (as written by 'aas import', possibly "
                + "changed since) and writes it as AASX, JSON or XML.")
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "folder of thing files")
    private Path folder;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "aasx, json or xml")
    private String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the file to write")
    private Path out;

    @Option(names = "--aas-version", paramLabel = "VERSION", defaultValue = "3.0",
            description = "AAS metamodel version written (3.0 or 3.1; for XML it sets the namespace). Default: ${DEFAULT-VALUE}")
    private String aasVersion;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final AasFormat outFormat = AasFormat.fromName(format).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "--format must be aasx, json or xml, not '" + format + "'"));
        final AasVersion version;
        try {
            version = AasVersion.fromLabel(aasVersion);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--aas-version: " + e.getMessage());
        }
        final PrintWriter err = spec.commandLine().getErr();
        try {
            final EnvironmentAssembler.Assembled assembled = EnvironmentAssembler.newInstance()
                    .assemble(ThingDirectory.read(folder));
            assembled.warnings().forEach(warning -> err.println("warning: " + warning));
            EnvironmentWriter.forVersion(version).write(assembled.environment(), assembled.files(), outFormat, out)
                    .forEach(warning -> err.println("warning: " + out + ": " + warning));
            spec.commandLine().getOut().printf("wrote %s (AAS v%s %s): %d shell(s), %d submodel(s), "
                    + "%d concept description(s), %d supplementary file(s)%n", out, version, outFormat,
                    assembled.environment().getAssetAdministrationShells().size(),
                    assembled.environment().getSubmodels().size(),
                    assembled.environment().getConceptDescriptions().size(), assembled.files().size());
            return TwinLoop.EXIT_OK;
        } catch (AasInputException e) {
            err.println("error: " + e.getMessage());
            err.println("nothing was written to " + out);
            return TwinLoop.EXIT_REFUSED;
        } catch (IOException e) {
            err.println("error: " + out + ": " + e.getMessage());
            err.println("nothing was written to " + out);
            return TwinLoop.EXIT_REFUSED;
        }
    }
}
