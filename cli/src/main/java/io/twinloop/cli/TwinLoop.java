package io.twinloop.cli;

import io.twinloop.cli.aas.AasCommand;
import io.twinloop.cli.models.ModelsCommand;
import io.twinloop.cli.audit.AuditCommand;
import io.twinloop.cli.bench.BenchCommand;
import io.twinloop.cli.hono.HonoCommand;
import io.twinloop.cli.plant.PlantCommand;
import io.twinloop.cli.rul.RulCommand;
import io.twinloop.cli.twin.ClassDataTraining;
import io.twinloop.cli.twin.DemoCommand;
import io.twinloop.cli.twin.TwinServerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code twinloop} command line: one entry point for every TwinLoop job. Exit codes: 0 success,
 * 1 the input was refused or invalid (the message says what and where), 2 wrong usage.
 */
@Command(name = "twinloop", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Closed-loop optimization of factory digital twins on Eclipse Ditto.",
        subcommands = {AasCommand.class, ModelsCommand.class, DemoCommand.class, TwinServerCommand.class, PlantCommand.class,
                BenchCommand.class, AuditCommand.class, HonoCommand.class, RulCommand.class,
                ClassDataTraining.class, CommandLine.HelpCommand.class})
public final class TwinLoop implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_REFUSED = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        useAsyncPoolOnSmallMachines();
        System.exit(run(args));
    }

    /**
     * With fewer than three cores the common fork-join pool has one thread, and CompletableFuture then runs every
     * default-executor async step (the JDK HttpClient takes one per response, Pekko's future conversion one per
     * request) on a new thread: a thread start per request, which cost more CPU than the request itself on this
     * project's 2-core machines. Two threads make it a pool. Must run before anything uses the common pool.
     */
    static void useAsyncPoolOnSmallMachines() {
        final String parallelism = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(parallelism) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(parallelism, "2");
        }
    }

    /** Runs a command line in this JVM with the standard streams. */
    public static int run(final String... args) {
        return commandLine().execute(args);
    }

    /** Runs a command line in this JVM writing to the given streams; tests use this. */
    public static int run(final java.io.PrintWriter out, final java.io.PrintWriter err, final String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    private static CommandLine commandLine() {
        return new CommandLine(new TwinLoop()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see --help)");
    }
}
