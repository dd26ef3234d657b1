package io.twinloop.cli.audit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.twinloop.audit.AuditLogException;
import io.twinloop.audit.ChainVerifier;
import io.twinloop.audit.Finding;
import io.twinloop.audit.TrustedKeys;
import io.twinloop.audit.Verification;
import io.twinloop.cli.TwinLoop;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code twinloop audit verify LOG --keys DIR}: exit code 0 only when the log is intact. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verifies a decision log offline: every entry's content against its hash, its signature "
                + "against the trusted public keys, the hash chain, the sequence (removed, repeated and reordered "
                + "entries) and the signed head beside the log (entries cut off the end).",
                "Prints one line per problem, naming the line and the entry; exit code 1 if there is any."})
public final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LOG", description = "the decision log (JSON lines)")
    private Path log;

    @Option(names = "--keys", required = true, paramLabel = "DIR",
            description = "directory of the trusted agents' public keys (<agent>.pub, X.509 PEM)")
    private Path keys;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final Verification verification;
        try {
            verification = new ChainVerifier(TrustedKeys.fromDirectory(keys)).verify(log);
        } catch (final AuditLogException e) {
            spec.commandLine().getErr().println("twinloop audit verify: " + e.getMessage());
            return TwinLoop.EXIT_USAGE;
        }
        for (final Finding finding : verification.findings()) {
            out.println(log + ": " + finding);
        }
        out.printf("%s: %d entries, last %d, %s; %s%n", log, verification.entries(), verification.lastSequence(),
                verification.headChecked() ? "signed head checked" : "no head file (entries cut off the end would "
                        + "not show)", verification.intact() ? "intact" : verification.findings().size()
                        + " problem(s)");
        return verification.intact() ? TwinLoop.EXIT_OK : TwinLoop.EXIT_REFUSED;
    }
}
