package io.twinloop.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.twinloop.cli.TwinLoop;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A {@code twinloop} command line as the real command classes read it (picocli's model of {@link TwinLoop}):
 * parsing refuses an option or command the code does not define, so a deployment file cannot name one.
 * Nothing is executed.
 */
final class TwinLoopCommandLine {

    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?}");

    private final List<String> commandPath;
    private final ParseResult leaf;

    private TwinLoopCommandLine(final List<String> commandPath, final ParseResult leaf) {
        this.commandPath = commandPath;
        this.leaf = leaf;
    }

    /**
     * @param args the arguments after {@code java -jar twinloop.jar}
     * @throws CommandLine.ParameterException when the command line names something the code does not read
     */
    static TwinLoopCommandLine parse(final List<String> args) {
        ParseResult result = new CommandLine(new TwinLoop()).setCaseInsensitiveEnumValuesAllowed(true)
                .parseArgs(args.toArray(String[]::new));
        final List<String> path = new ArrayList<>();
        while (result.hasSubcommand()) {
            result = result.subcommand();
            path.add(result.commandSpec().name());
        }
        return new TwinLoopCommandLine(List.copyOf(path), result);
    }

    /** e.g. {@code [hono, provision]}. */
    List<String> commandPath() {
        return commandPath;
    }

    /**
     * The environment variables the command's options fall back on ({@code defaultValue = "${env:NAME}"}, also
     * with a default of its own: {@code "${env:NAME:-value}"}).
     */
    Set<String> environmentVariables() {
        // the command's model without interpolation: the options' defaults as written (${env:NAME})
        CommandLine uninterpolated = new CommandLine(new TwinLoop()).setInterpolateVariables(false);
        for (final String name : commandPath) {
            uninterpolated = uninterpolated.getSubcommands().get(name);
        }
        final Set<String> names = new TreeSet<>();
        for (final OptionSpec option : uninterpolated.getCommandSpec().options()) {
            final String original = option.defaultValue();
            if (original != null) {
                final Matcher m = ENV_DEFAULT.matcher(original);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** The value given for an option on this command line (not its default), or null. */
    String given(final String option) {
        return leaf.hasMatchedOption(option) ? String.valueOf((Object) leaf.matchedOptionValue(option, null))
                : null;
    }

    /** The {@code index}-th positional parameter as given (e.g. a folder or file), or null. */
    String positional(final int index) {
        final java.util.List<String> given = leaf.matchedPositionals().stream()
                .flatMap(p -> p.stringValues().stream()).toList();
        return index < given.size() ? given.get(index) : null;
    }

    /** The value of an option, given or default. */
    String value(final String option) {
        final OptionSpec spec = leaf.commandSpec().findOption(option);
        if (spec == null) {
            throw new IllegalArgumentException("twinloop " + String.join(" ", commandPath) + " has no option "
                    + option);
        }
        return String.valueOf((Object) spec.getValue());
    }
}
