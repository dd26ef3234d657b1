package io.twinloop.cli.models;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.twinloop.cli.TwinLoop;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Serves a folder of Thing Models (what {@code models export} wrote) until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the Thing Models in DIR over HTTP (GET /<file>, application/tm+json, no "
                + "authentication) for a Ditto to fetch, until Ctrl-C. Any static web server does the same.")
public final class ModelsServeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "the folder of model files")
    private Path folder;

    @Option(names = "--port", defaultValue = "8090", description = "HTTP port (0 = any free port). Default: ${DEFAULT-VALUE}")
    private int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "interface to bind (0.0.0.0 for a Ditto on another machine). Default: ${DEFAULT-VALUE}")
    private String host;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final ModelFolderServer server;
        try {
            server = ModelFolderServer.start(folder, host, port);
        } catch (final IllegalArgumentException e) {
            spec.commandLine().getErr().println("twinloop models serve: " + e.getMessage());
            return TwinLoop.EXIT_REFUSED;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "models-serve-shutdown"));
        out.printf("serving the Thing Models of %s at %s; Ctrl-C stops it%n", folder.toAbsolutePath(), server.uri());
        out.flush();
        stopped.await();
        return TwinLoop.EXIT_OK;
    }
}
