package io.twinloop.cli.connector;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.ditto.things.model.ThingId;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Which Ditto a connector works with, as whom, and which of its twins: {@code --ditto URL [--user U --password P]
 * (--thing ID | --namespace NS)...}, each with an environment variable for deployments. Shared by the
 * {@code connector} commands.
 */
public final class ConnectorTwinOptions {

    @Option(names = "--ditto", paramLabel = "URL", defaultValue = "${env:DITTO_URL}",
            description = "the Ditto, e.g. http://ditto:8080 (env DITTO_URL)")
    private URI ditto;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "${env:DITTO_USER}",
            description = "the connector's Ditto user, HTTP basic authentication; the policies' CONNECTOR subject "
                    + "(env DITTO_USER; none: no authentication)")
    private String user;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:DITTO_PASSWORD}",
            description = "password of --user (env DITTO_PASSWORD)")
    private String password;

    @Option(names = "--thing", paramLabel = "ID", split = ",", defaultValue = "${env:TWINLOOP_CONNECTOR_THINGS}",
            description = "connect this twin; repeatable or comma-separated (env TWINLOOP_CONNECTOR_THINGS)")
    private List<String> things = new ArrayList<>();

    @Option(names = "--namespace", paramLabel = "NS", split = ",",
            defaultValue = "${env:TWINLOOP_CONNECTOR_NAMESPACES}",
            description = "connect every twin of this namespace whose AAS describes what the connector serves "
                    + "(found with Ditto's search); repeatable or comma-separated (env TWINLOOP_CONNECTOR_NAMESPACES)")
    private List<String> namespaces = new ArrayList<>();

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandSpec spec;

    /** The Ditto; a usage error naming {@code --ditto} when missing, {@code --user} without a password. */
    public URI ditto() {
        if (ditto == null) {
            throw usage("--ditto URL (or DITTO_URL) is required");
        }
        if (user != null && (password == null || password.isEmpty())) {
            throw usage("--user needs --password (or DITTO_PASSWORD)");
        }
        return ditto;
    }

    /** The user, null for none. */
    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The named twins; a usage error naming a bad id. */
    public List<ThingId> things() {
        final List<ThingId> ids = new ArrayList<>();
        for (final String thing : things) {
            try {
                ids.add(ThingId.of(thing.trim()));
            } catch (final RuntimeException e) {
                throw usage("--thing '" + thing + "' is not a Ditto thing id: " + e.getMessage());
            }
        }
        return ids;
    }

    /** The namespaces; a usage error when neither twins nor namespaces are selected. */
    public List<String> namespaces() {
        if (things.isEmpty() && namespaces.isEmpty()) {
            throw usage("name the twins: --thing ID or --namespace NS (or TWINLOOP_CONNECTOR_THINGS, "
                    + "TWINLOOP_CONNECTOR_NAMESPACES)");
        }
        return namespaces.stream().map(String::trim).toList();
    }

    /** For the start line: {@code http://ditto:8080 as connector, namespaces [demo]}. */
    public String describe() {
        final List<String> parts = new ArrayList<>();
        if (!things.isEmpty()) {
            parts.add("twins " + things);
        }
        if (!namespaces.isEmpty()) {
            parts.add("namespaces " + namespaces);
        }
        return ditto + " as " + (user == null ? "(no authentication)" : user) + ", " + String.join(" and ", parts);
    }

    /** A usage error of the command that mixes these options in. */
    public CommandLine.ParameterException usage(final String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
