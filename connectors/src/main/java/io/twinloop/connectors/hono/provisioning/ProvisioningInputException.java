package io.twinloop.connectors.hono.provisioning;

import java.util.List;

/**
 * AAS content that cannot be provisioned: every problem found in all inputs, each naming the shell and the file it is
 * in. Thrown before any request is sent to the registry.
 */
public final class ProvisioningInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ProvisioningInputException(final List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an input exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
