package io.twinloop.cli.rul;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code twinloop rul ...}: the maintenance agent's remaining-useful-life estimator on C-MAPSS files. */
@Command(name = "rul", mixinStandardHelpOptions = true,
        description = "Remaining useful life: predict it for test engines, or cross-validate the estimator.",
        subcommands = {PredictCommand.class, EvaluateCommand.class})
public final class RulCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: predict or evaluate");
    }
}
