package io.twinloop.cli.ditto;

import java.net.URI;
import java.util.Optional;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.DittoClientBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options that say which Ditto (or embedded twin server) a command writes to and as whom: {@code --ditto URL
 * [--user USER --password PASSWORD]}. Shared by {@code aas import} and {@code ditto provision}, so both spell and
 * check them alike.
 */
public final class DittoAccess {

    @Option(names = "--ditto", paramLabel = "URL",
            description = "the Ditto (or twin server) to write to, e.g. http://localhost:8080")
    private URI ditto;

    @Option(names = "--user", paramLabel = "USER", description = "user for --ditto (HTTP basic authentication)")
    private String user;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:DITTO_PASSWORD}",
            description = "password for --user (default: environment variable DITTO_PASSWORD, which keeps it out "
                    + "of the shell history)")
    private String password;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandSpec spec;

    public Optional<URI> uri() {
        return Optional.ofNullable(ditto);
    }

    /** The URL; a usage error naming {@code --ditto} when it was not given. */
    public URI required() {
        if (ditto == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ditto URL is required");
        }
        return ditto;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password for {@code --user}, given or from {@code DITTO_PASSWORD}. */
    public Optional<String> password() {
        return Optional.ofNullable(password).filter(p -> !p.isEmpty());
    }

    /** A client for {@code --ditto} as {@code --user}; a usage error when a user has no password. */
    public DittoClient client() {
        final DittoClientBuilder builder = DittoClient.builder(required());
        if (user != null) {
            if (password == null || password.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--user needs --password (or the "
                        + "environment variable DITTO_PASSWORD)");
            }
            builder.basicAuth(user, password);
        }
        return builder.build();
    }
}
