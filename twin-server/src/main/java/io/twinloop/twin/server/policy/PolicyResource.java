package io.twinloop.twin.server.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PoliciesResourceType;
import org.eclipse.ditto.policies.model.PolicyId;
import org.eclipse.ditto.policies.model.ResourceKey;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyEntryNotAccessibleException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyEntryNotModifiableException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyNotAccessibleException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.PolicyNotModifiableException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.ResourceNotAccessibleException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.ResourceNotModifiableException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.ResourcesNotAccessibleException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.ResourcesNotModifiableException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.SubjectNotAccessibleException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.SubjectNotModifiableException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.SubjectsNotAccessibleException;
import org.eclipse.ditto.policies.model.signals.commands.exceptions.SubjectsNotModifiableException;

/**
 * One addressable part of a policy, parsed from the path after {@code /api/2/policies/}: the policy, its entries,
 * one entry, an entry's subjects or resources, one subject or one resource. A resource's key (e.g.
 * {@code thing:/features/press/desiredProperties}) contains slashes, so everything after {@code resources/} is one
 * key, as in Ditto's API.
 *
 * @param policyId the policy
 * @param kind which part
 * @param label the entry's label for the entry kinds, else empty
 * @param key the subject id or resource key for the single subject/resource kinds, else empty
 */
public record PolicyResource(PolicyId policyId, Kind kind, String label, String key) {

    public enum Kind { POLICY, ENTRIES, ENTRY, SUBJECTS, SUBJECT, RESOURCES, RESOURCE }

    /** @return empty if the path names no part of a policy that this server serves */
    public static Optional<PolicyResource> parse(final List<String> segments) {
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        final PolicyId id = PolicyId.of(segments.get(0));
        final int n = segments.size();
        if (n == 1) {
            return Optional.of(new PolicyResource(id, Kind.POLICY, "", ""));
        }
        if (!"entries".equals(segments.get(1))) {
            return Optional.empty();
        }
        if (n == 2) {
            return Optional.of(new PolicyResource(id, Kind.ENTRIES, "", ""));
        }
        final String label = segments.get(2);
        if (n == 3) {
            return Optional.of(new PolicyResource(id, Kind.ENTRY, label, ""));
        }
        final String part = segments.get(3);
        final String rest = String.join("/", segments.subList(4, n));
        if ("subjects".equals(part)) {
            return n == 4 ? Optional.of(new PolicyResource(id, Kind.SUBJECTS, label, ""))
                    : n == 5 ? Optional.of(new PolicyResource(id, Kind.SUBJECT, label, rest)) : Optional.empty();
        }
        if ("resources".equals(part)) {
            return Optional.of(n == 4 ? new PolicyResource(id, Kind.RESOURCES, label, "")
                    : new PolicyResource(id, Kind.RESOURCE, label, rest));
        }
        return Optional.empty();
    }

    /** Where this part lives in the policy's JSON, key by key (a resource key stays one key). */
    JsonPointer pointerInPolicy() {
        final List<JsonKey> keys = new ArrayList<>();
        if (kind != Kind.POLICY) {
            keys.add(JsonKey.of("entries"));
        }
        if (kind.compareTo(Kind.ENTRY) >= 0) {
            keys.add(JsonKey.of(label));
        }
        switch (kind) {
            case SUBJECTS, SUBJECT -> keys.add(JsonKey.of("subjects"));
            case RESOURCES, RESOURCE -> keys.add(JsonKey.of("resources"));
            default -> { }
        }
        if (kind == Kind.SUBJECT || kind == Kind.RESOURCE) {
            keys.add(JsonKey.of(key));
        }
        return keys.isEmpty() ? JsonPointer.empty()
                : JsonFactory.newPointer(keys.get(0), keys.subList(1, keys.size()).toArray(JsonKey[]::new));
    }

    /** The policy resource whose permissions govern this part, e.g. {@code policy:/entries/OWNER}. */
    ResourceKey resourceKey() {
        final StringBuilder path = new StringBuilder();
        pointerInPolicy().forEach(k -> path.append('/').append(k));
        return PoliciesResourceType.policyResource(path.length() == 0 ? "/" : path.toString());
    }

    /** The part's value in the policy's JSON, if it exists. */
    Optional<JsonValue> valueIn(final JsonObject policy) {
        return kind == Kind.POLICY ? Optional.of(policy) : policy.getValue(pointerInPolicy());
    }

    /** Whether the entry (for parts below an entry) exists, so that a missing entry is reported as such. */
    boolean parentExistsIn(final JsonObject policy) {
        return kind.compareTo(Kind.ENTRY) <= 0 || policy.getValue(JsonPointer.of("/entries")).filter(JsonValue::isObject)
                .map(e -> e.asObject().contains(label)).orElse(false);
    }

    /** Ditto's error for a part that is missing or may not be read. */
    DittoRuntimeException notAccessible(final JsonObject policyOrEmpty) {
        if (kind.compareTo(Kind.ENTRY) > 0 && !parentExistsIn(policyOrEmpty)) {
            return PolicyEntryNotAccessibleException.newBuilder(policyId, label).build();
        }
        return switch (kind) {
            case POLICY, ENTRIES -> PolicyNotAccessibleException.newBuilder(policyId).build();
            case ENTRY -> PolicyEntryNotAccessibleException.newBuilder(policyId, label).build();
            case SUBJECTS -> SubjectsNotAccessibleException.newBuilder(policyId, label).build();
            case SUBJECT -> SubjectNotAccessibleException.newBuilder(policyId, label, key).build();
            case RESOURCES -> ResourcesNotAccessibleException.newBuilder(policyId, label).build();
            case RESOURCE -> ResourceNotAccessibleException.newBuilder(policyId, label, key).build();
        };
    }

    /** Ditto's error for a write outside the subject's grants. */
    DittoRuntimeException notModifiable() {
        return switch (kind) {
            case POLICY, ENTRIES -> PolicyNotModifiableException.newBuilder(policyId).build();
            case ENTRY -> PolicyEntryNotModifiableException.newBuilder(policyId, label).build();
            case SUBJECTS -> SubjectsNotModifiableException.newBuilder(policyId, label).build();
            case SUBJECT -> SubjectNotModifiableException.newBuilder(policyId, label, key).build();
            case RESOURCES -> ResourcesNotModifiableException.newBuilder(policyId, label).build();
            case RESOURCE -> ResourceNotModifiableException.newBuilder(policyId, label, key).build();
        };
    }
}
