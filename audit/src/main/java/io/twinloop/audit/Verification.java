package io.twinloop.audit;

import java.util.List;

/**
 * What {@link ChainVerifier} found: how many entries were read and every problem, in the order of the log.
 *
 * @param headChecked whether a signed head was there to show that nothing was cut off the end
 */
public record Verification(int entries, long lastSequence, boolean headChecked, List<Finding> findings) {

    public Verification {
        findings = List.copyOf(findings);
    }

    public boolean intact() {
        return findings.isEmpty();
    }
}
