package io.twinloop.twin.server.policy;

import java.util.function.Function;

import org.eclipse.ditto.base.model.json.FieldType;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.policies.model.PoliciesModelFactory;
import org.eclipse.ditto.policies.model.Policy;
import org.eclipse.ditto.policies.model.enforcers.Enforcer;

/**
 * A policy as stored: its JSON (with {@code _revision}, {@code _created}, {@code _modified}) and revision. A Ditto
 * {@link Policy} object graph is many times the size of its JSON and most policies (one per thing) are rarely
 * read, so the policy is parsed only when asked for. Its {@link Enforcer} is shared by all policies with the same
 * entries (an import gives thousands of things policies that differ only in their id) and kept once looked up.
 */
public final class StoredPolicy {

    private final long revision;
    private final String json;
    private final Function<StoredPolicy, Enforcer> enforcers;
    private volatile Enforcer enforcer;

    private StoredPolicy(final long revision, final String json, final Function<StoredPolicy, Enforcer> enforcers) {
        this.revision = revision;
        this.json = json;
        this.enforcers = enforcers;
    }

    static StoredPolicy of(final Policy policy, final Function<StoredPolicy, Enforcer> enforcers) {
        return new StoredPolicy(policy.getRevision().map(r -> r.toLong()).orElse(0L),
                policy.toJson(JsonSchemaVersion.V_2, FieldType.regularOrSpecial()).toString(), enforcers);
    }

    static StoredPolicy ofJson(final long revision, final String json,
            final Function<StoredPolicy, Enforcer> enforcers) {
        return new StoredPolicy(revision, json, enforcers);
    }

    /** The policy, parsed from its JSON. */
    public Policy policy() {
        return PoliciesModelFactory.newPolicy(json);
    }

    public long revision() {
        return revision;
    }

    String json() {
        return json;
    }

    /** What makes two policies enforce alike: their entries (and imports), without id, revision and times. */
    String entriesKey() {
        final var parsed = JsonFactory.newObject(json);
        return parsed.getValue(Policy.JsonFields.ENTRIES).map(Object::toString).orElse("{}")
                + parsed.getValue(Policy.JsonFields.IMPORTS).map(Object::toString).orElse("");
    }

    /** Ditto's own evaluator of this policy (the one Ditto's services enforce with). */
    public Enforcer enforcer() {
        Enforcer e = enforcer;
        if (e == null) {
            e = enforcers.apply(this);
            enforcer = e;
        }
        return e;
    }
}
