package io.twinloop.cli.twin;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

import io.twinloop.cli.TwinLoop;
import io.twinloop.twin.server.JwtIssuer;
import io.twinloop.twin.server.TwinServer;
import io.twinloop.twin.server.TwinServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code twinloop twin-server}: the embedded Ditto-compatible twin server, until interrupted. */
@Command(name = "twin-server", mixinStandardHelpOptions = true,
        description = {"Runs the embedded twin server: the subset of Eclipse Ditto's HTTP API v2 that TwinLoop uses, "
                + "durable in a data folder. A development and single-machine stand-in, not a Ditto cluster.",
                "Stops on Ctrl-C (SIGINT/SIGTERM), after flushing its journal."})
public final class TwinServerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (0 = any free port). Default: ${DEFAULT-VALUE}")
    private int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "address to listen on. Default: ${DEFAULT-VALUE} (this machine only)")
    private String host;

    @Option(names = "--data", defaultValue = "twinloop-data", paramLabel = "DIR",
            description = "data folder (journal and snapshots). Default: ${DEFAULT-VALUE}")
    private Path data;

    @Option(names = "--user", paramLabel = "NAME:PASSWORD",
            description = "a user for HTTP basic authentication, acting as policy subject nginx:NAME (repeatable). "
                    + "Without any, a user 'ditto' with a random password is created and printed.")
    private List<String> users = new ArrayList<>();

    @Option(names = "--models", paramLabel = "DIR",
            description = "serve the WoT Thing Models in DIR at /wot/models/<file> (e.g. what `twinloop models "
                    + "export` wrote); the server validates against any model a definition links to either way")
    private java.nio.file.Path models;

    @Option(names = "--allow-pre-authenticated",
            description = "accept the x-ditto-pre-authenticated header (only behind a proxy that authenticates)")
    private boolean preAuthenticated;

    @Option(names = "--jwt-issuer", paramLabel = "ISSUER",
            description = "accept bearer tokens (JWT) whose 'iss' is ISSUER, signed by a key of --jwt-jwks; the "
                    + "subject is PREFIX:<sub>, as with Ditto's OpenID Connect issuers")
    private String jwtIssuer;

    @Option(names = "--jwt-jwks", paramLabel = "FILE", description = "the issuer's public keys (a JWKS document)")
    private Path jwtJwks;

    @Option(names = "--jwt-subject-prefix", paramLabel = "PREFIX", defaultValue = "jwt",
            description = "issuer part of the subjects of bearer tokens. Default: ${DEFAULT-VALUE}")
    private String jwtSubjectPrefix;

    @Option(names = "--held-things-mb", paramLabel = "MB", defaultValue = "128",
            description = "heap the recently written things may take as objects, estimated as 25 times their JSON "
                    + "(a demo twin: 1.4 MB); things written in turn beyond it are parsed again at each write. "
                    + "Default: ${DEFAULT-VALUE} (about 90 demo twins)")
    private long heldThingsMb;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        if (heldThingsMb < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--held-things-mb must not be negative, was " + heldThingsMb);
        }
        TwinServerConfig config = TwinServerConfig.of(data).withPort(port).withPreAuthenticatedHeader(preAuthenticated)
                .withHeldThingsMemory(heldThingsMb << 20);
        for (final String user : Users.orGenerated(users, out)) {
            final String[] credentials = DemoCommand.Credentials.parse(user, spec.commandLine());
            config = config.withUser(credentials[0], credentials[1]);
        }
        if ((jwtIssuer == null) != (jwtJwks == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jwt-issuer and --jwt-jwks go together");
        }
        if (jwtIssuer != null) {
            try {
                config = config.withJwtIssuer(JwtIssuer.fromJwksFile(jwtIssuer, jwtSubjectPrefix, jwtJwks));
            } catch (final IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--jwt-jwks " + e.getMessage());
            }
        }
        // Ditto's keys and THINGS_WOT_TM_MODEL_VALIDATION_* variables, TwinLoop's setting for non-modeled features
        final io.twinloop.twin.server.wot.WotConfig wot = io.twinloop.twin.server.wot.WotConfig.fromClassPath();
        config = config.withWot(models == null ? wot : wot.withModelsDirectory(models));
        final TwinServer server = TwinServer.start(config.withHost(host)).get();
        final UntilStopped stopped = UntilStopped.closing(server, "twin-server");
        out.printf("twin server listening on %s/api/2 (data in %s); Ctrl-C stops it%n", server.httpUri(),
                data.toAbsolutePath());
        out.flush();
        stopped.await();
        return TwinLoop.EXIT_OK;
    }

    /** Configured users, or one generated user printed once so the server never runs without authentication. */
    static final class Users {

        private Users() {
        }

        static List<String> orGenerated(final List<String> users, final PrintWriter out) {
            if (!users.isEmpty()) {
                return users;
            }
            final String generated = "ditto:" + randomPassword();
            out.println("no --user given: created user " + generated.replace(":", " with password "));
            return List.of(generated);
        }

        static String randomPassword() {
            final byte[] secret = new byte[12];
            new SecureRandom().nextBytes(secret);
            return HexFormat.of().formatHex(secret);
        }
    }
}
