package io.twinloop.cli.ditto;

/**
 * Something {@code ditto provision} makes Ditto hold exactly as TwinLoop defines it (a policy, a connection, a
 * thing's links to its Thing Models). Provisioning first plans every resource (reads only), then applies the plans
 * one by one; each apply is a single write, so a resource is never half-written.
 */
public interface DittoResource {

    /** {@code policy}, {@code connection}, ... as the output names it. */
    String kind();

    /** The resource's id in Ditto. */
    String id();

    /** Reads what Ditto holds and compares it with the definition; writes nothing. */
    Plan plan();

    /** What applying a resource would change, and the write that does it. */
    interface Plan {

        Change change();

        /** Writes the resource (nothing for {@link Change#NONE}); fails with {@link ProvisionException}. */
        void apply();
    }

    /** What provisioning does to one resource. */
    enum Change {
        CREATE("created", "would be created"),
        UPDATE("updated", "would be updated"),
        NONE("unchanged", "unchanged"),
        /** Nothing to apply it to (a thing's model links when Ditto does not hold, or show, the thing). */
        SKIP("skipped (not in Ditto)", "would be skipped (not in Ditto)");

        private final String done;
        private final String planned;

        Change(final String done, final String planned) {
            this.done = done;
            this.planned = planned;
        }

        /** As the output says it once applied ({@code created}, {@code updated}, {@code unchanged}). */
        public String done() {
            return done;
        }

        /** As a dry run says it. */
        public String planned() {
            return planned;
        }
    }
}
