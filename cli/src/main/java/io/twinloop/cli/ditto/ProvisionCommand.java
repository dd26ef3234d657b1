package io.twinloop.cli.ditto;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.eclipse.ditto.things.model.Thing;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.mapping.ImportResult;
import io.twinloop.aas.mapping.MappedThing;
import io.twinloop.aas.thingmodel.ThingModels;
import io.twinloop.cli.TwinLoop;
import io.twinloop.cli.models.ModelsExportCommand;
import io.twinloop.connectors.hono.DittoHonoDevices;
import io.twinloop.connectors.interfaces.AssetInterfacesReader;
import io.twinloop.connectors.interfaces.InterfaceDescriptionException;
import io.twinloop.connectors.interfaces.InterfaceDescriptions;
import io.twinloop.ditto.hono.HonoConnectionDefinition;
import io.twinloop.ditto.hono.HonoConnectionException;
import io.twinloop.ditto.hono.HonoConnectionSettings;
import io.twinloop.ditto.hono.HonoDevice;
import io.twinloop.ditto.policy.PolicyTemplate;
import io.twinloop.twin.client.DittoClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twinloop ditto provision --ditto URL FILE...}: makes a Ditto hold TwinLoop's least-privilege policy of every
 * thing the AAS files describe and one Hono connection per tenant their shells declare; idempotent (what Ditto
 * already holds as defined is not written again); with {@code --models-base-url}, every thing's and feature's
 * {@code definition} linked to the WoT Thing Models generated from the AAS, after checking they are served.
 */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {"Applies TwinLoop's configuration of a Ditto for the assets in the AAS files (as aas import "
                + "takes them): the least-privilege policy of each thing (named like the thing) and one Hono "
                + "connection per Hono tenant the shells declare (specificAssetIds HonoTenantId/HonoDeviceId with "
                + "AID/AIMC data points); with --models-base-url the things' and features' definitions linked to the "
                + "WoT Thing Models generated from the AAS (every model URL checked to answer first).",
                "Idempotent: a resource Ditto holds as defined is left alone (no write, no event); a changed one is "
                        + "updated; a missing one is created. Everything is read first; a failure while writing "
                        + "stops and says what was applied and what not."})
public final class ProvisionCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "AAS files (JSON, XML, AASX) describing the "
            + "assets")
    private List<Path> files;

    @Mixin
    private AasInput input;

    @Mixin
    private DittoAccess ditto;

    @Mixin
    private PolicyOptions policyOptions;

    @Option(names = "--devops-user", paramLabel = "USER", defaultValue = "${env:DITTO_DEVOPS_USER:-devops}",
            description = "Ditto's devops user, who manages connections (default: environment variable "
                    + "DITTO_DEVOPS_USER, else devops)")
    private String devopsUser;

    @Option(names = "--devops-password", paramLabel = "PASSWORD", defaultValue = "${env:DITTO_DEVOPS_PASSWORD}",
            description = "password of --devops-user (default: environment variable DITTO_DEVOPS_PASSWORD); needed "
                    + "when the AAS declare Hono devices, unless --no-connections")
    private String devopsPassword;

    @Option(names = "--tenant", paramLabel = "TENANT",
            description = "apply the Hono connections of these tenants only; repeatable (default: every tenant the "
                    + "AAS declare)")
    private List<String> tenants = new ArrayList<>();

    @Option(names = "--no-connections", description = "apply the policies only")
    private boolean noConnections;

    @Option(names = "--connection-id-prefix", paramLabel = "PREFIX", defaultValue = "twinloop-hono-",
            description = "connection id = prefix + tenant id. Default: ${DEFAULT-VALUE}")
    private String connectionIdPrefix;

    @Option(names = "--connection-status", paramLabel = "open|closed", defaultValue = "open",
            description = "connectionStatus of the Hono connections. Default: ${DEFAULT-VALUE}")
    private String connectionStatus;

    @Option(names = "--dry-run", description = "read Ditto and show what would be created or updated; write "
            + "nothing")
    private boolean dryRun;

    /** {@code --models-base-url URL [--models-out DIR]}: link the things to their Thing Models. */
    @Mixin
    private ThingModelOptions models;

    @Option(names = "--no-model-check", description = "with --models-base-url: do not check that every linked "
            + "model URL answers a GET from here (for a URL only Ditto's network reaches)")
    private boolean noModelCheck;

    /** How long one model URL may take to answer the check. */
    private static final Duration MODEL_CHECK_TIMEOUT = Duration.ofSeconds(10);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final var options = input.options();
        final String url = ditto.required().toString();
        final PolicyTemplate template = policyOptions.template(ditto.user());
        final HonoConnectionSettings settings = connectionSettings();
        final Optional<URI> modelsBaseUrl = models.baseUrl();
        final List<Thing> things;
        final List<HonoConnectionDefinition> connections;
        final Optional<ThingModels> generated;
        try {
            final List<AasPackage> packages = input.packages(files);
            final ImportResult result = input.map(packages, options, err);
            generated = modelsBaseUrl.map(base -> ThingModels.generate(packages, result, base));
            things = generated.map(ThingModels::things).orElse(result.things()).stream().map(MappedThing::thing)
                    .toList();
            connections = noConnections ? List.of() : connections(things, settings, err);
        } catch (AasInputException | InterfaceDescriptionException | HonoConnectionException e) {
            err.println("error: " + e.getMessage());
            err.println("nothing was written to " + url);
            return TwinLoop.EXIT_REFUSED;
        }
        if (generated.isPresent() && !modelsServed(generated.get(), modelsBaseUrl.get(), out, err)) {
            err.println("nothing was written to " + url);
            return TwinLoop.EXIT_REFUSED;
        }
        connections.forEach(c -> c.warnings().forEach(w -> err.println("warning: connection " + c.connectionId()
                + ": " + w)));
        if (!connections.isEmpty() && (devopsPassword == null || devopsPassword.isEmpty())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the Hono connection(s) of tenant(s) "
                    + connections.stream().map(HonoConnectionDefinition::tenantId).collect(Collectors.joining(", "))
                    + " are managed by Ditto's devops user: give --devops-password (or DITTO_DEVOPS_PASSWORD), or "
                    + "--no-connections");
        }
        try (DittoClient client = ditto.client();
             DittoClient devops = DittoClient.builder(ditto.required()).basicAuth(devopsUser,
                     devopsPassword == null ? "" : devopsPassword).build()) {
            final List<DittoResource> resources = new ArrayList<>();
            for (final Thing thing : things) {
                resources.add(new PolicyResource(client, template.policyFor(thing)));
            }
            for (final HonoConnectionDefinition connection : connections) {
                resources.add(new ConnectionResource(devops, connection));
            }
            resources.addAll(definitions(client, generated));
            final List<Provisioning.Outcome> outcomes = new Provisioning(out, dryRun).run(resources);
            if (generated.isEmpty()) {
                out.println("models: not linked (no --models-base-url)");
            }
            out.printf("%s %s in %s%n", dryRun ? "dry run: nothing was written;" : "done:", summary(outcomes, dryRun),
                    url);
            return TwinLoop.EXIT_OK;
        } catch (Provisioning.Failure e) {
            err.println("error: " + e.getMessage());
            err.println("applied: " + (e.done().isEmpty() ? "none" : e.done().stream()
                    .map(o -> o.describe(false)).collect(Collectors.joining(", "))));
            err.println("not applied: " + String.join(", ", e.notApplied()));
            return TwinLoop.EXIT_REFUSED;
        }
    }

    /** Each thing with Thing Models: its definitions (the environment thing has none). */
    private static List<DittoResource> definitions(final DittoClient client, final Optional<ThingModels> generated) {
        return generated.map(models -> models.things().stream().map(MappedThing::thing)
                .filter(thing -> thing.getDefinition().isPresent())
                .<DittoResource>map(thing -> new DefinitionResource(client, thing)).toList()).orElse(List.of());
    }

    /**
     * Writes the model files to {@code --models-out} (unless a dry run), then checks that every model URL answers;
     * false (with the URLs named on {@code err}) when one does not and the check is not switched off.
     */
    private boolean modelsServed(final ThingModels generated, final URI baseUrl, final PrintWriter out,
            final PrintWriter err) throws IOException {
        final String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
        final Optional<Path> folder = models.out();
        if (folder.isPresent() && dryRun) {
            out.printf("dry run: models: %d Thing Model(s) would be written to %s and linked as %s<file> (not "
                    + "written, so not checked)%n", generated.files().size(), folder.get(), base);
            return true;
        }
        if (folder.isPresent()) {
            ModelsExportCommand.write(generated.files(), folder.get());
        }
        out.printf("models: %d Thing Model(s)%s, linked as %s<file>%n", generated.files().size(),
                folder.map(f -> " written to " + f).orElse(""), base);
        if (noModelCheck) {
            out.println("models: not checked (--no-model-check): Ditto must be able to fetch them");
            return true;
        }
        final List<String> problems = ModelLocations.withTimeout(MODEL_CHECK_TIMEOUT).unanswered(
                generated.files().keySet().stream().map(name -> URI.create(base + name)).toList());
        if (problems.isEmpty()) {
            out.printf("models: all %d answer at %s%n", generated.files().size(), base);
            return true;
        }
        err.printf("error: %d of %d Thing Model URL(s) do not answer a GET; Ditto must fetch every model a "
                + "definition names (otherwise every write to the thing fails with 421 wot:tm.notfound):%n",
                problems.size(), generated.files().size());
        problems.forEach(problem -> err.println("  " + problem));
        err.println("serve the models at " + base + (folder.isPresent() ? " (twinloop models serve "
                + folder.get() + ")" : " (twinloop models export ... --out DIR, then twinloop models serve DIR, "
                + "or give --models-out DIR)") + "; --no-model-check if only Ditto's network reaches that URL");
        return false;
    }

    private HonoConnectionSettings connectionSettings() {
        final String status = connectionStatus.toLowerCase(Locale.ROOT);
        if (!status.equals("open") && !status.equals("closed")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--connection-status must be open or "
                    + "closed, was '" + connectionStatus + "'");
        }
        try {
            // the connection acts as the connector: the policies grant that subject the properties
            return HonoConnectionSettings.builder().connectionIdPrefix(connectionIdPrefix)
                    .authorizationSubject(policyOptions.connectorSubject()).open(status.equals("open")).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** One connection per tenant the shells declare (only the --tenant ones if given). */
    private List<HonoConnectionDefinition> connections(final List<Thing> things,
            final HonoConnectionSettings settings, final PrintWriter err) {
        final List<HonoDevice> devices = new ArrayList<>();
        for (final Thing thing : things) {
            final InterfaceDescriptions interfaces = AssetInterfacesReader.read(thing);
            interfaces.warnings().forEach(w -> err.println("warning: " + w));
            devices.addAll(DittoHonoDevices.of(interfaces.honoInterfaces()));
        }
        final Set<String> declared = devices.stream().map(HonoDevice::tenantId)
                .collect(Collectors.toCollection(TreeSet::new));
        for (final String tenant : tenants) {
            if (!declared.contains(tenant)) {
                throw new HonoConnectionException("--tenant " + tenant + ": no shell in " + files + " declares a "
                        + "device of that Hono tenant (tenants declared: " + (declared.isEmpty() ? "none"
                        : String.join(", ", declared)) + ")");
            }
        }
        final List<HonoDevice> selected = tenants.isEmpty() ? devices
                : devices.stream().filter(d -> tenants.contains(d.tenantId())).toList();
        return selected.isEmpty() ? List.of() : HonoConnectionDefinition.forDevices(selected, settings);
    }

    private static String summary(final List<Provisioning.Outcome> outcomes, final boolean dryRun) {
        final StringBuilder text = new StringBuilder();
        for (final String kind : List.of("policy", "connection", "definition")) {
            final List<Provisioning.Outcome> ofKind = outcomes.stream().filter(o -> o.kind().equals(kind)).toList();
            if (kind.equals("definition") && ofKind.isEmpty()) {
                continue; // no models linked
            }
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(ofKind.size()).append(switch (kind) {
                case "policy" -> " policies";
                case "connection" -> " connections";
                default -> " definitions";
            });
            for (final DittoResource.Change change : DittoResource.Change.values()) {
                final long n = ofKind.stream().filter(o -> o.change() == change).count();
                if (n > 0) {
                    text.append(", ").append(n).append(' ').append(dryRun ? change.planned() : change.done());
                }
            }
        }
        return text.toString();
    }
}
