package io.twinloop.cli.hono;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.aas.AasInputException;
import io.twinloop.aas.environment.AasPackage;
import io.twinloop.aas.environment.EnvironmentReader;
import io.twinloop.cli.TwinLoop;
import io.twinloop.connectors.hono.provisioning.DeviceDeclarations;
import io.twinloop.connectors.hono.provisioning.HonoProvisioner;
import io.twinloop.connectors.hono.provisioning.HonoRegistryConfig;
import io.twinloop.connectors.hono.provisioning.ProvisioningInputException;
import io.twinloop.connectors.hono.provisioning.ProvisioningPlan;
import io.twinloop.connectors.hono.provisioning.ProvisioningReport;
import io.twinloop.connectors.hono.provisioning.RegistryException;
import io.twinloop.connectors.hono.provisioning.SecretsFile;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.DittoClientBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twinloop hono provision (--aas FILE... | --ditto URL --thing ID...) --registry URL --secrets-out FILE}:
 * creates the tenants, devices and credentials the assets' AAS declares in Hono's device registry; idempotent.
 */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {"Creates the Hono tenants, devices and hashed-password credentials that AAS shells declare "
                + "(assetInformation.specificAssetIds HonoTenantId, HonoDeviceId, optional HonoAuthId) in Hono's "
                + "device registry, through its HTTP management API.",
                "Idempotent: what exists as the AAS says is kept; a second run writes nothing. All input is checked "
                        + "and the registry read before the first write. Generated passwords go only to the "
                        + "--secrets-out file (new, owner-only)."})
public final class ProvisionCommand implements Callable<Integer> {

    @Option(names = "--aas", arity = "1..*", paramLabel = "FILE", description = "AAS files (JSON, XML, AASX) whose "
            + "shells declare the devices")
    private List<Path> aasFiles = new ArrayList<>();

    @Option(names = "--ditto", paramLabel = "URL", description = "read the shells from these twins instead (or as "
            + "well): a Ditto or the embedded twin server, e.g. http://localhost:8080; with --thing")
    private URI ditto;

    @Option(names = "--thing", paramLabel = "ID", description = "a twin (thing id) whose attributes/aas declare a "
            + "device; repeatable; with --ditto")
    private List<String> thingIds = new ArrayList<>();

    @Option(names = "--ditto-user", paramLabel = "USER", description = "user for --ditto (HTTP basic auth)")
    private String dittoUser;

    @Option(names = "--ditto-password", paramLabel = "PASSWORD", defaultValue = "${env:DITTO_PASSWORD}",
            description = "password for --ditto-user (default: environment variable DITTO_PASSWORD)")
    private String dittoPassword;

    @Option(names = "--registry", paramLabel = "URL", defaultValue = "${env:HONO_REGISTRY_URL}",
            description = "Hono's device registry (management API), e.g. http://localhost:28080 (default: "
                    + "environment variable HONO_REGISTRY_URL)")
    private URI registry;

    @Option(names = "--registry-user", paramLabel = "USER", defaultValue = "${env:HONO_REGISTRY_USER}",
            description = "user for the registry (HTTP basic auth; default: environment variable HONO_REGISTRY_USER, "
                    + "none if unset)")
    private String registryUser;

    @Option(names = "--registry-password", paramLabel = "PASSWORD", defaultValue = "${env:HONO_REGISTRY_PASSWORD}",
            description = "password for --registry-user (default: environment variable HONO_REGISTRY_PASSWORD)")
    private String registryPassword;

    @Option(names = "--secrets-out", paramLabel = "FILE",
            description = "where the generated device passwords go (JSON, created new with owner-only permissions; "
                    + "never overwritten). Needed only when a device gets a new password")
    private Path secretsOut;

    @Option(names = "--rotate-secrets", description = "give devices that already have a hashed-password credential "
            + "for their auth-id a new password (the old one stops working)")
    private boolean rotateSecrets;

    @Option(names = "--dry-run", description = "read the registry and show what would be done; write nothing")
    private boolean dryRun;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        checkUsage();
        final DeviceDeclarations declarations;
        try {
            declarations = declarations(err);
        } catch (AasInputException | ProvisioningInputException | TwinReadException e) {
            err.println("error: " + e.getMessage());
            err.println("nothing was sent to the registry");
            return TwinLoop.EXIT_REFUSED;
        }
        declarations.passedOver().forEach(note -> err.println("note: " + note));
        final HonoRegistryConfig.Builder config = HonoRegistryConfig.builder(registry);
        if (registryUser != null && !registryUser.isBlank()) {
            config.basicAuth(registryUser, registryPassword == null ? "" : registryPassword);
        }
        final HonoProvisioner provisioner = HonoProvisioner.of(config.build());
        final ProvisioningPlan plan;
        try {
            plan = provisioner.plan(declarations, rotateSecrets);
        } catch (RegistryException e) {
            err.println("error: " + e.getMessage());
            err.println("nothing was written to the registry");
            return TwinLoop.EXIT_REFUSED;
        }
        if (dryRun) {
            printPlan(plan, out);
            return TwinLoop.EXIT_OK;
        }
        SecretsFile secrets = null;
        if (plan.generatesSecrets()) {
            if (secretsOut == null) {
                final long needing = plan.devices().stream()
                        .filter(d -> d.credentials() != ProvisioningPlan.Action.KEEP).count();
                err.println("error: " + needing + " device(s) get a new password: name the file for it with "
                        + "--secrets-out FILE");
                err.println("nothing was written to the registry");
                return TwinLoop.EXIT_REFUSED;
            }
            try {
                secrets = SecretsFile.createNew(secretsOut);
            } catch (IllegalStateException e) {
                err.println("error: " + e.getMessage());
                err.println("nothing was written to the registry");
                return TwinLoop.EXIT_REFUSED;
            }
        }
        final ProvisioningReport report;
        try {
            report = provisioner.apply(plan, secrets);
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return TwinLoop.EXIT_REFUSED;
        }
        printReport(report, out, err);
        if (report.secretsWritten() > 0) {
            out.printf("passwords of %d device(s) written to %s (owner-only; it is the only copy)%n",
                    report.secretsWritten(), secretsOut);
        } else if (secretsOut != null) {
            out.println("no new passwords; " + secretsOut + " was not created");
        }
        return report.failed() ? TwinLoop.EXIT_REFUSED : TwinLoop.EXIT_OK;
    }

    private void checkUsage() {
        if (aasFiles.isEmpty() && thingIds.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "say where the devices are declared: "
                    + "--aas FILE..., or --ditto URL --thing ID...");
        }
        if (!thingIds.isEmpty() && ditto == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--thing needs --ditto URL");
        }
        if (ditto != null && thingIds.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ditto needs at least one --thing ID");
        }
        if (registry == null || registry.toString().isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--registry URL is required (or the "
                    + "environment variable HONO_REGISTRY_URL)");
        }
        if (!"http".equals(registry.getScheme()) && !"https".equals(registry.getScheme())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--registry must be an http:// or https:// "
                    + "URL, was '" + registry + "'");
        }
        for (final String id : thingIds) {
            try {
                ThingId.of(id);
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--thing '" + id + "' is not a thing id: "
                        + e.getMessage());
            }
        }
    }

    private DeviceDeclarations declarations(final PrintWriter err) {
        final EnvironmentReader reader = EnvironmentReader.newInstance();
        final List<AasPackage> packages = new ArrayList<>();
        for (final Path file : aasFiles) {
            final AasPackage aas = reader.read(file);
            aas.warnings().forEach(warning -> err.println("warning: " + warning));
            packages.add(aas);
        }
        if (thingIds.isEmpty()) {
            return DeviceDeclarations.fromPackages(packages);
        }
        final List<Thing> things = readThings();
        return packages.isEmpty() ? DeviceDeclarations.fromThings(things) : DeviceDeclarations.from(packages, things);
    }

    private List<Thing> readThings() {
        final DittoClientBuilder builder = DittoClient.builder(ditto);
        if (dittoUser != null) {
            builder.basicAuth(dittoUser, dittoPassword == null ? "" : dittoPassword);
        }
        final List<Thing> things = new ArrayList<>();
        try (DittoClient client = builder.build()) {
            for (final String id : thingIds) {
                try {
                    things.add(client.retrieveThing(ThingId.of(id)).join());
                } catch (CompletionException e) {
                    final Throwable cause = e.getCause() == null ? e : e.getCause();
                    throw new TwinReadException(ditto + ": thing " + id + ": " + cause.getMessage());
                }
            }
        }
        return things;
    }

    private static void printPlan(final ProvisioningPlan plan, final PrintWriter out) {
        plan.tenants().forEach(t -> out.println("dry run: tenant " + t.tenantId() + ": " + t.action().label()));
        int i = 0;
        for (final ProvisioningPlan.DeviceStep step : plan.devices()) {
            out.printf("dry run: [%d/%d] %s: %s%n", ++i, plan.devices().size(), step.device().describe(),
                    step.describe());
        }
        out.println(plan.changesNothing() ? "dry run: nothing to do, the registry is as the AAS says"
                : "dry run: nothing was written");
    }

    private static void printReport(final ProvisioningReport report, final PrintWriter out, final PrintWriter err) {
        report.tenants().forEach(t -> out.println("tenant " + t.tenantId() + ": " + t.change().label()
                + t.problem().map(p -> ": " + p).orElse("")));
        int i = 0;
        for (final ProvisioningReport.DeviceOutcome device : report.devices()) {
            out.printf("[%d/%d] %s: %s%n", ++i, report.devices().size(), device.device().describe(), device.describe());
        }
        out.println("done: " + report.summary());
        if (report.failed()) {
            err.println("error: " + report.devices().stream().filter(ProvisioningReport.DeviceOutcome::failed).count()
                    + " device(s) and " + report.tenants().stream().filter(t -> t.problem().isPresent()).count()
                    + " tenant(s) not provisioned (see above); run again when the cause is fixed, what is done is "
                    + "kept");
        }
    }

    /** A twin named with --thing could not be read. */
    private static final class TwinReadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TwinReadException(final String message) {
            super(message);
        }
    }
}
