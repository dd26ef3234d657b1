package io.twinloop.cli.ditto;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans every resource first (reads only: an unreachable Ditto or a refused read stops the run before anything is
 * written), then applies the plans in order, one line per resource. A failure in the middle stops the run with
 * {@link Failure}, which says what was applied and what was not; each resource is one write, so none is
 * half-written.
 */
public final class Provisioning {

    /** One resource's outcome. */
    public record Outcome(String kind, String id, DittoResource.Change change) {

        public String describe(final boolean dryRun) {
            return kind + " " + id + " " + (dryRun ? change.planned() : change.done());
        }
    }

    /** Planning or applying stopped; {@code done} holds what was applied before. */
    public static final class Failure extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final transient List<Outcome> done;
        private final List<String> notApplied;

        Failure(final ProvisionException cause, final List<Outcome> done, final List<String> notApplied) {
            super(cause.getMessage(), cause);
            this.done = List.copyOf(done);
            this.notApplied = List.copyOf(notApplied);
        }

        public List<Outcome> done() {
            return done;
        }

        public List<String> notApplied() {
            return notApplied;
        }
    }

    private final PrintWriter progress;
    private final boolean dryRun;

    public Provisioning(final PrintWriter progress, final boolean dryRun) {
        this.progress = progress;
        this.dryRun = dryRun;
    }

    /** Plans and (unless a dry run) applies; returns one outcome per resource, in order. */
    public List<Outcome> run(final List<? extends DittoResource> resources) {
        final List<DittoResource.Plan> plans = new ArrayList<>();
        for (final DittoResource resource : resources) {
            try {
                plans.add(resource.plan());
            } catch (ProvisionException e) {
                throw new Failure(e, List.of(), resources.stream().map(Provisioning::name).toList());
            }
        }
        final List<Outcome> done = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            final DittoResource resource = resources.get(i);
            final DittoResource.Plan plan = plans.get(i);
            if (!dryRun) {
                try {
                    plan.apply();
                } catch (ProvisionException e) {
                    throw new Failure(e, done, resources.subList(i, resources.size()).stream()
                            .map(Provisioning::name).toList());
                }
            }
            final Outcome outcome = new Outcome(resource.kind(), resource.id(), plan.change());
            done.add(outcome);
            progress.printf("%s[%d/%d] %s%n", dryRun ? "dry run: " : "", i + 1, resources.size(),
                    outcome.describe(dryRun));
            progress.flush();
        }
        return done;
    }

    private static String name(final DittoResource resource) {
        return resource.kind() + " " + resource.id();
    }
}
