package io.twinloop.cli.ditto;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where the WoT Thing Models generated from the AAS are served, and where their files go: {@code --models-base-url
 * URL [--models-out DIR]}. Shared by {@code aas import} and {@code ditto provision}, so both link things to the same
 * URLs ({@code URL<file>}, the names {@code models export} writes).
 */
public final class ThingModelOptions {

    @Option(names = "--models-base-url", paramLabel = "URL",
            description = "generate a WoT Thing Model per submodel feature and per thing and link them from the "
                    + "features' and things' definition as URL+<file>; Ditto fetches them from there")
    private URI baseUrl;

    @Option(names = "--models-out", paramLabel = "DIR",
            description = "with --models-base-url: folder the Thing Model files are written to (created if missing), "
                    + "to be served at that URL (e.g. by twinloop models serve DIR)")
    private Path out;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandSpec spec;

    /** The base URL, if models are to be linked; a usage error for {@code --models-out} without it. */
    public Optional<URI> baseUrl() {
        if (out != null && baseUrl == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--models-out needs --models-base-url: "
                    + "the URL the folder is served at, which the things' definitions name");
        }
        if (baseUrl != null && (!baseUrl.isAbsolute() || baseUrl.getHost() == null
                || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https")))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--models-base-url must be an absolute "
                    + "http(s) URL that Ditto can fetch the models from, was '" + baseUrl + "'");
        }
        return Optional.ofNullable(baseUrl);
    }

    /** The folder the files go to, if given. */
    public Optional<Path> out() {
        return Optional.ofNullable(out);
    }

    /** For commands that write models only where they also serve them: both options or none. */
    public Optional<URI> baseUrlWithOut() {
        if ((baseUrl == null) != (out == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--models-base-url and --models-out go "
                    + "together: the models must be written where that URL serves them");
        }
        return baseUrl();
    }
}
