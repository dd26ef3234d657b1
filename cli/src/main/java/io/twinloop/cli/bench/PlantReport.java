package io.twinloop.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.twinloop.cli.TwinLoop;
import io.twinloop.scenarios.report.ReportException;
import io.twinloop.scenarios.report.ReportWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twinloop bench report RESULTS...}: the results of {@code bench plant} as one self-contained HTML page.
 * See the scenarios module README.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes one self-contained HTML report from the JSON results of 'bench plant'.")
public final class PlantReport implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "result files (*.json) or folders holding them,"
            + " e.g. target/bench-plant")
    private List<Path> results;

    @Option(names = "--out", defaultValue = "target/bench-plant/report.html", paramLabel = "FILE",
            description = "the HTML file (default ${DEFAULT-VALUE}); replaced only when the report is complete")
    private Path out;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter console = spec.commandLine().getOut();
        final ReportWriter.Written written;
        try {
            written = ReportWriter.write(results, out);
        } catch (final ReportException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage() + "; no report written");
            return TwinLoop.EXIT_REFUSED;
        }
        console.printf("bench report: %d run(s) of %d scenario(s) -> %s%n", written.runs(),
                written.scenarios().size(), written.file());
        return TwinLoop.EXIT_OK;
    }
}
