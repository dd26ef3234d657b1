package io.twinloop.cli.ditto;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.policies.model.SubjectId;

import io.twinloop.ditto.policy.PolicyTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The subjects of the least-privilege policy template ({@link PolicyTemplate}) as options, shared by
 * {@code aas import --ditto} and {@code ditto provision}.
 */
public final class PolicyOptions {

    @Option(names = "--owner-subject", paramLabel = "SUBJECT",
            description = "the subject that owns each thing's policy (default: nginx:USER, the subject Ditto's "
                    + "nginx gives --user)")
    private String ownerSubject;

    @Option(names = "--optimizer-subject", paramLabel = "SUBJECT", defaultValue = PolicyTemplate.DEFAULT_OPTIMIZER,
            description = "the subject allowed to read each thing and write only its desired properties. "
                    + "Default: ${DEFAULT-VALUE}")
    private String optimizerSubject;

    @Option(names = "--connector-subject", paramLabel = "SUBJECT", defaultValue = PolicyTemplate.DEFAULT_CONNECTOR,
            description = "the subject allowed to read each thing and write only its properties (and the "
                    + "Reconciliation feature). Default: ${DEFAULT-VALUE}")
    private String connectorSubject;

    @Option(names = "--optimizer-namespace", paramLabel = "NS",
            description = "a namespace whose things the optimizer may write desired properties of; repeatable. "
                    + "Default: every namespace")
    private List<String> optimizerNamespaces = new ArrayList<>();

    @Option(names = "--operator-subject", paramLabel = "SUBJECT",
            description = "an operator: reads each thing, its policy and messages (approvals are signed, no write "
                    + "permission needed); repeatable")
    private List<String> operatorSubjects = new ArrayList<>();

    @Option(names = "--integrator-subject", paramLabel = "SUBJECT",
            description = "a system that only reads the things; repeatable")
    private List<String> integratorSubjects = new ArrayList<>();

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    private CommandSpec spec;

    public String connectorSubject() {
        return connectorSubject;
    }

    /**
     * The template; the owner is {@code --owner-subject}, else {@code nginx:<user>}. Usage errors name the option
     * when the owner is unknown or a subject is not {@code <issuer>:<subject>}.
     */
    public PolicyTemplate template(final Optional<String> user) {
        final String owner = ownerSubject != null ? ownerSubject : user.map(u -> "nginx:" + u).orElse(null);
        if (owner == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ditto without --user needs "
                    + "--owner-subject: the subject that will own the things' policies");
        }
        check("--owner-subject", owner);
        check("--optimizer-subject", optimizerSubject);
        check("--connector-subject", connectorSubject);
        operatorSubjects.forEach(s -> check("--operator-subject", s));
        integratorSubjects.forEach(s -> check("--integrator-subject", s));
        return new PolicyTemplate(owner, optimizerSubject, connectorSubject, Set.copyOf(optimizerNamespaces),
                operatorSubjects, integratorSubjects);
    }

    private void check(final String option, final String subject) {
        try {
            if (!subject.contains(":")) {
                throw new IllegalArgumentException("a subject is <issuer>:<subject>, e.g. nginx:alice");
            }
            SubjectId.newInstance(subject);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " '" + subject
                    + "' is not a Ditto subject: " + e.getMessage());
        }
    }
}
