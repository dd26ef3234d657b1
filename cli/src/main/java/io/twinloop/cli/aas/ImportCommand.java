package io.twinloop.cli.aas;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.mapping.ImportResult;
import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingDirectory;
import io.twinloop.aas.thingmodel.ThingModels;
import io.twinloop.cli.TwinLoop;
import io.twinloop.cli.ditto.AasInput;
import io.twinloop.cli.ditto.DittoAccess;
import io.twinloop.cli.ditto.PolicyOptions;
import io.twinloop.cli.ditto.ThingModelOptions;
import io.twinloop.cli.twin.ThingPublisher;
import io.twinloop.ditto.policy.PolicyTemplate;
import io.twinloop.twin.client.DittoClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code twinloop aas import FILE... --namespace NS (--out DIR | --ditto URL)}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Maps AAS v3 files (JSON, XML, AASX; v3.0 or v3.1) to Ditto things: one thing JSON per shell "
                + "in DIR, supplementary files beside it in <thing>.files/.",
                "All files are read and checked first; on any error nothing is written."})
public final class ImportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "AAS files to import")
    private List<Path> files;

    @Mixin
    private AasInput input;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for the thing files")
    private Path out;

    /** {@code --ditto URL --user --password}: idempotent, unchanged things are not written again. */
    @Mixin
    private DittoAccess ditto;

    @Option(names = "--dry-run", description = "with --ditto: show what would be created or updated, write nothing")
    private boolean dryRun;

    /** The policy template of new things (with --ditto). */
    @Mixin
    private PolicyOptions policyOptions;

    /** {@code --models-base-url URL --models-out DIR}: the things linked to their WoT Thing Models. */
    @Mixin
    private ThingModelOptions models;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter err = spec.commandLine().getErr();
        final PrintWriter outWriter = spec.commandLine().getOut();
        final MappingOptions options = input.options();
        if (out == null && ditto.uri().isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "say where the things go: --out DIR, "
                    + "--ditto URL, or both");
        }
        final URI modelsBaseUrl = models.baseUrlWithOut().orElse(null);
        final PolicyTemplate policies = ditto.uri().isEmpty() ? null : policyOptions.template(ditto.user());
        try {
            final List<AasPackage> packages = input.packages(files);
            final ImportResult mapped = input.map(packages, options, err);
            final ImportResult result = modelsBaseUrl == null ? mapped
                    : new ImportResult(writeModels(ThingModels.generate(packages, mapped, modelsBaseUrl), modelsBaseUrl,
                            outWriter),
                            mapped.warnings());
            if (out != null) {
                ThingDirectory.write(result.things(), out);
                for (final MappedThing thing : result.things()) {
                    outWriter.printf("%s  %d features, %.1f kB, %d files  <- %s%n", thing.thingId(),
                            thing.featureCount(), thing.jsonBytes() / 1024.0, thing.files().size(), thing.source());
                }
                outWriter.printf("imported %d file(s) into %d thing(s) in %s%n", files.size(),
                        result.things().size(), out);
            }
            return ditto.uri().isEmpty() ? TwinLoop.EXIT_OK : publish(result, policies, outWriter, err);
        } catch (AasInputException e) {
            err.println("error: " + e.getMessage());
            err.println("nothing was written" + (out == null ? "" : " to " + out)
                    + ditto.uri().map(u -> " to " + u).orElse(""));
            return TwinLoop.EXIT_REFUSED;
        }
    }

    /** Writes the models before any thing names them, so a Ditto never meets a definition it cannot fetch. */
    private List<MappedThing> writeModels(final ThingModels generated, final URI modelsBaseUrl,
            final PrintWriter outWriter) throws IOException {
        final Path modelsOut = models.out().orElseThrow();
        io.twinloop.cli.models.ModelsExportCommand.write(generated.files(), modelsOut);
        outWriter.printf("wrote %d Thing Model(s) to %s, linked as %s<file>%n", generated.files().size(), modelsOut,
                modelsBaseUrl);
        return generated.things();
    }

    private int publish(final ImportResult result, final PolicyTemplate policies, final PrintWriter outWriter,
            final PrintWriter err) {
        try (DittoClient client = ditto.client()) {
            final List<ThingPublisher.Outcome> outcomes = new ThingPublisher(client, policies, outWriter, dryRun)
                    .publish(result.things());
            outWriter.printf("%s %d thing(s) %s %s%n", dryRun ? "dry run:" : "done:", outcomes.size(),
                    dryRun ? "checked against" : "in", ditto.required());
            return TwinLoop.EXIT_OK;
        } catch (ThingPublisher.PublishFailure e) {
            err.println("error: " + e.getMessage());
            err.println("written: " + (e.done().isEmpty() ? "none" : e.done().stream()
                    .map(o -> o.thingId() + " (" + o.result().name().toLowerCase(java.util.Locale.ROOT) + ")")
                    .collect(java.util.stream.Collectors.joining(", "))));
            err.println("not written: " + String.join(", ", e.notWritten()));
            return TwinLoop.EXIT_REFUSED;
        }
    }
}
