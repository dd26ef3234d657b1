package io.twinloop.cli;

import io.twinloop.cli.aas.AasCommand;
import io.twinloop.cli.models.ModelsCommand;
import io.twinloop.cli.connector.ConnectorCommand;
import io.twinloop.cli.optimizer.OptimizerCommand;
import io.twinloop.cli.audit.AuditCommand;
import io.twinloop.cli.bench.BenchCommand;
import io.twinloop.cli.ditto.DittoCommand;
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
        subcommands = {AasCommand.class, ModelsCommand.class, DemoCommand.class, TwinServerCommand.class,
                PlantCommand.class, BenchCommand.class, AuditCommand.class, HonoCommand.class, DittoCommand.class,
                RulCommand.class, ConnectorCommand.class, OptimizerCommand.class,
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
        return commandLine(args).execute(args);
    }

    /** Runs a command line in this JVM writing to the given streams; tests use this. */
    public static int run(final java.io.PrintWriter out, final java.io.PrintWriter err, final String... args) {
        return commandLine(args).setOut(out).setErr(err).execute(args);
    }

    /**
     * The command line for these arguments: when they name a command, only that command's part of the tree is built
     * (picocli reads every command's annotations by reflection when it builds the whole tree, a tenth of a twin
     * server's cold start); otherwise (no command, {@code help}, a misspelling) the whole tree, so that usage and
     * suggestions list every command.
     */
    static CommandLine commandLine(final String... args) {
        final Class<?> named = args.length > 0 ? subcommandNamed(args[0]) : null;
        if (named == null) {
            return new CommandLine(new TwinLoop()).setCaseInsensitiveEnumValuesAllowed(true);
        }
        final Command root = TwinLoop.class.getAnnotation(Command.class);
        final CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.wrapWithoutInspection(new TwinLoop())
                .name(root.name()).mixinStandardHelpOptions(true);
        spec.addSubcommand(args[0], new CommandLine(named));
        return new CommandLine(spec).setCaseInsensitiveEnumValuesAllowed(true);
    }

    private static Class<?> subcommandNamed(final String name) {
        for (final Class<?> command : TwinLoop.class.getAnnotation(Command.class).subcommands()) {
            final Command annotation = command.getAnnotation(Command.class);
            if (annotation != null && annotation.name().equals(name) && command != CommandLine.HelpCommand.class) {
                return command;
            }
        }
        return null;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see --help)");
    }
}
