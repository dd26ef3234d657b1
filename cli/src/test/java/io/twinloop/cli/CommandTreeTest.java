package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** A command line naming a command builds only that command, and behaves as the whole tree does for it. */
class CommandTreeTest {

    @Test
    void aNamedCommandIsBuiltAloneUnderTheSameName() {
        final CommandLine line = TwinLoop.commandLine("twin-server", "--port", "1");

        assertThat(line.getSubcommands()).containsOnlyKeys("twin-server");
        assertThat(line.getSubcommands().get("twin-server").getCommandSpec().qualifiedName())
                .isEqualTo("twinloop twin-server");
        final CommandRun help = CommandRun.of("twin-server", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: twinloop twin-server").contains("--data");
    }

    @Test
    void withoutACommandEveryCommandIsThere() {
        final CommandLine full = new CommandLine(new TwinLoop());

        assertThat(TwinLoop.commandLine("--help").getSubcommands().keySet())
                .isEqualTo(full.getSubcommands().keySet()).contains("twin-server", "demo", "bench", "help");
        assertThat(TwinLoop.commandLine("help", "bench").getSubcommands()).hasSameSizeAs(full.getSubcommands());
        // a misspelt command is answered with the whole tree's suggestions
        final CommandRun misspelt = CommandRun.of("twin-servr");
        assertThat(misspelt.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(misspelt.err()).contains("twin-server");
    }

    @Test
    void aNamedCommandsOwnCommandsAndErrorsAreKept() {
        final CommandRun usage = CommandRun.of("bench", "no-such-bench");
        assertThat(usage.exitCode()).isEqualTo(TwinLoop.EXIT_USAGE);
        assertThat(TwinLoop.commandLine("bench").getSubcommands().get("bench").getSubcommands())
                .containsKeys("twin-server", "ws-commands", "plant");
    }
}
