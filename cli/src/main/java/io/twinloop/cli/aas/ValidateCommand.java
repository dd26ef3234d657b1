package io.twinloop.cli.aas;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.environment.AasFormat;
import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.validation.AasValidator;
import io.twinloop.aas.validation.ValidationReport;
import io.twinloop.cli.TwinLoop;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code twinloop aas validate FILE...}: exit code 0 only when every file is valid. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks AAS v3 files (JSON, XML, AASX) against the AAS schemas and the metamodel constraints "
                + "(AASd-...), and that shells reference submodels that exist.",
                "Prints one line per violation: FILE: PATH: MESSAGE, the path given as idShort path."})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "AAS files to validate")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final EnvironmentReader reader = EnvironmentReader.newInstance();
        final AasValidator validator = new AasValidator();
        int invalid = 0;
        for (final Path file : files) {
            try {
                final EnvironmentReader.SpecPart part = reader.readSpecPart(file);
                final String text = new String(part.content(), StandardCharsets.UTF_8);
                final ValidationReport report = part.format() == AasFormat.JSON
                        ? validator.validateJson(text, part.source())
                        : validator.validateXml(text, part.source());
                if (report.isValid()) {
                    out.println(part.source() + ": valid");
                } else {
                    invalid++;
                    out.println(report);
                }
            } catch (AasInputException e) {
                invalid++;
                out.println(e.getMessage());
            }
        }
        out.printf("%d of %d file(s) valid%n", files.size() - invalid, files.size());
        return invalid == 0 ? TwinLoop.EXIT_OK : TwinLoop.EXIT_REFUSED;
    }
}
