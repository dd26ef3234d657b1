package io.twinloop.cli.aas;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.aas.mapping.ImportResult;
import io.twinloop.aas.thingmodel.ThingModels;
import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.aas.mapping.MappingOptions;
import io.twinloop.aas.mapping.ThingDirectory;
import io.twinloop.aas.mapping.ThingMapper;
import io.twinloop.cli.TwinLoop;
import io.twinloop.ditto.policy.PolicyTemplate;
import io.twinloop.cli.twin.ThingPublisher;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.DittoClientBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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

    @Option(names = "--namespace", required = true, paramLabel = "NS", description = "Ditto namespace of the thing ids")
    private String namespace;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for the thing files")
    private Path out;

    @Option(names = "--ditto", paramLabel = "URL",
            description = "put the things into this Ditto (or twin server), e.g. http://localhost:8080; idempotent: "
                    + "unchanged things are not written again")
    private URI ditto;

    @Option(names = "--user", paramLabel = "USER", description = "user for --ditto (HTTP basic authentication)")
    private String user;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:DITTO_PASSWORD}",
            description = "password for --ditto (default: environment variable DITTO_PASSWORD, which keeps it out "
                    + "of the shell history)")
    private String password;

    @Option(names = "--dry-run", description = "with --ditto: show what would be created or updated, write nothing")
    private boolean dryRun;

    @Option(names = "--max-thing-size", paramLabel = "BYTES", defaultValue = "102400",
            description = "refuse things larger than this (Ditto's default limit is 100 kB; 0 = no limit). "
                    + "Default: ${DEFAULT-VALUE}")
    private long maxThingBytes;

    @Option(names = "--allow-external-submodels",
            description = "accept shells that reference submodels not in the given files (the reference is kept, "
                    + "no feature is created); by default such a dangling reference is an error")
    private boolean allowExternalSubmodels;

    @Option(names = "--owner-subject", paramLabel = "SUBJECT",
            description = "with --ditto: the subject that owns each new thing's policy (default: nginx:USER, the "
                    + "subject Ditto's nginx gives --user)")
    private String ownerSubject;

    @Option(names = "--optimizer-subject", paramLabel = "SUBJECT", defaultValue = PolicyTemplate.DEFAULT_OPTIMIZER,
            description = "with --ditto: the subject allowed to read each new thing and write only its desired "
                    + "properties. Default: ${DEFAULT-VALUE}")
    private String optimizerSubject;

    @Option(names = "--connector-subject", paramLabel = "SUBJECT", defaultValue = PolicyTemplate.DEFAULT_CONNECTOR,
            description = "with --ditto: the subject allowed to read each new thing and write only its properties. "
                    + "Default: ${DEFAULT-VALUE}")
    private String connectorSubject;

    @Option(names = "--models-base-url", paramLabel = "URL",
            description = "generate a WoT Thing Model per submodel feature and per thing and link them from the "
                    + "features' and things' definition as URL+<file>; the files go to --models-out, to be served "
                    + "at URL (Ditto fetches them from there)")
    private URI modelsBaseUrl;

    @Option(names = "--models-out", paramLabel = "DIR",
            description = "with --models-base-url: folder the Thing Model files are written to (created if missing)")
    private Path modelsOut;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter err = spec.commandLine().getErr();
        final PrintWriter outWriter = spec.commandLine().getOut();
        final MappingOptions options;
        try {
            options = new MappingOptions(namespace, maxThingBytes, allowExternalSubmodels);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--namespace '" + namespace
                    + "' is not a valid Ditto namespace: " + e.getMessage());
        }
        if (out == null && ditto == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "say where the things go: --out DIR, "
                    + "--ditto URL, or both");
        }
        if ((modelsBaseUrl == null) != (modelsOut == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--models-base-url and --models-out go "
                    + "together: the models must be written where that URL serves them");
        }
        final PolicyTemplate policies = ditto == null ? null : policyTemplate();
        try {
            final EnvironmentReader reader = EnvironmentReader.newInstance();
            final List<AasPackage> packages = new ArrayList<>();
            for (final Path file : files) {
                packages.add(reader.read(file));
            }
            final ImportResult mapped = ThingMapper.of(options).map(packages);
            mapped.warnings().forEach(warning -> err.println("warning: " + warning));
            final ImportResult result = modelsBaseUrl == null ? mapped
                    : new ImportResult(writeModels(ThingModels.generate(packages, mapped, modelsBaseUrl), outWriter),
                            mapped.warnings());
            if (out != null) {
                ThingDirectory.write(result.things(), out);
                for (final MappedThing thing : result.things()) {
                    outWriter.printf("%s  %d features, %.1f kB, %d files  <- %s%n", thing.thingId(),
                            thing.featureCount(), thing.jsonBytes() / 1024.0, thing.files().size(), thing.source());
                }
                outWriter.printf("imported %d file(s) into %d thing(s) in %s%n", packages.size(),
                        result.things().size(), out);
            }
            return ditto == null ? TwinLoop.EXIT_OK : publish(result, policies, outWriter, err);
        } catch (AasInputException e) {
            err.println("error: " + e.getMessage());
            err.println("nothing was written" + (out == null ? "" : " to " + out) + (ditto == null ? "" : " to " + ditto));
            return TwinLoop.EXIT_REFUSED;
        }
    }

    /** Writes the models before any thing names them, so a Ditto never meets a definition it cannot fetch. */
    private List<MappedThing> writeModels(final ThingModels models, final PrintWriter outWriter) throws IOException {
        io.twinloop.cli.models.ModelsExportCommand.write(models.files(), modelsOut);
        outWriter.printf("wrote %d Thing Model(s) to %s, linked as %s<file>%n", models.files().size(), modelsOut,
                modelsBaseUrl);
        return models.things();
    }

    private PolicyTemplate policyTemplate() {
        final String owner = ownerSubject != null ? ownerSubject : user != null ? "nginx:" + user : null;
        if (owner == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ditto without --user needs "
                    + "--owner-subject: the subject that will own the things' policies");
        }
        return new PolicyTemplate(owner, optimizerSubject, connectorSubject);
    }

    private int publish(final ImportResult result, final PolicyTemplate policies, final PrintWriter outWriter,
            final PrintWriter err) {
        final DittoClientBuilder builder = DittoClient.builder(ditto);
        if (user != null) {
            if (password == null || password.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--user needs --password (or the "
                        + "environment variable DITTO_PASSWORD)");
            }
            builder.basicAuth(user, password);
        }
        try (DittoClient client = builder.build()) {
            final List<ThingPublisher.Outcome> outcomes = new ThingPublisher(client, policies, outWriter, dryRun)
                    .publish(result.things());
            outWriter.printf("%s %d thing(s) %s %s%n", dryRun ? "dry run:" : "done:", outcomes.size(),
                    dryRun ? "checked against" : "in", ditto);
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
