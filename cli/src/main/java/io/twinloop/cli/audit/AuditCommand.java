package io.twinloop.cli.audit;

import picocli.CommandLine.Command;

/** {@code twinloop audit ...}: the decision log. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Checks the agents' signed decision log.",
        subcommands = {VerifyCommand.class})
public final class AuditCommand {
}
