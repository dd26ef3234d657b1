package io.twinloop.cli.ditto;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;

import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.policies.model.PoliciesModelFactory;
import org.eclipse.ditto.policies.model.Policy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.DittoErrorException;
import io.twinloop.twin.client.NotFoundException;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinResponse;

/**
 * A thing's least-privilege policy ({@link io.twinloop.ditto.policy.PolicyTemplate}). Compared with what Ditto
 * returns by reading both through Ditto's policy model and comparing their regular JSON, so {@code _revision},
 * {@code _modified}, {@code _created} and member order do not count. A new policy is put with
 * {@code If-None-Match: *}, a changed one on the revision that was read ({@code If-Match}), so a concurrent change
 * is refused (412) rather than overwritten. A server without conditional policy writes (embedded twin servers
 * before they had them answered 501) gets the same write without the condition.
 */
public final class PolicyResource implements DittoResource {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyResource.class);

    private final DittoClient client;
    private final Policy policy;
    private final String id;

    public PolicyResource(final DittoClient client, final Policy policy) {
        this.client = client;
        this.policy = policy;
        this.id = policy.getEntityId().orElseThrow(() -> new IllegalArgumentException("policy without id"))
                .toString();
    }

    @Override
    public String kind() {
        return "policy";
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Plan plan() {
        final Optional<TwinResponse> current = read();
        if (current.isEmpty()) {
            return plan(Change.CREATE, RequestOptions.none().ifNoneMatchAny());
        }
        final JsonObject held = current.get().body().filter(JsonValue::isObject).map(JsonValue::asObject)
                .orElseThrow(() -> new ProvisionException("reading policy " + id + ": Ditto answered no policy JSON"));
        if (normalized(held).equals(normalized(policy.toJson()))) {
            return plan(Change.NONE, RequestOptions.none());
        }
        final OptionalLong revision = current.get().revision();
        return plan(Change.UPDATE, revision.isPresent()
                ? RequestOptions.none().ifMatchRevision(revision.getAsLong()) : RequestOptions.none().ifMatchAny());
    }

    /** Through Ditto's model: its regular fields only, rendered the same way for both sides. */
    static JsonObject normalized(final JsonObject policyJson) {
        return PoliciesModelFactory.newPolicy(policyJson).toJson();
    }

    private Plan plan(final Change change, final RequestOptions options) {
        return new Plan() {
            @Override
            public Change change() {
                return change;
            }

            @Override
            public void apply() {
                if (change == Change.NONE) {
                    return;
                }
                try {
                    client.putPolicy(policy, options).join();
                } catch (CompletionException e) {
                    if (!(e.getCause() instanceof DittoErrorException error && error.status() == 501)) {
                        throw ProvisionException.of("writing policy " + id, e);
                    }
                    // an older embedded twin server has no conditional headers on policies (501): write unconditionally
                    LOG.info("policy {}: the server does not implement conditional policy writes ({}); written "
                            + "without If-Match/If-None-Match", id, error.dittoMessage());
                    try {
                        client.putPolicy(policy, RequestOptions.none()).join();
                    } catch (CompletionException again) {
                        throw ProvisionException.of("writing policy " + id, again);
                    }
                }
            }
        };
    }

    private Optional<TwinResponse> read() {
        try {
            return Optional.of(client.request("GET", "/api/2/policies/" + pathSegment(id), null,
                    RequestOptions.none()).join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof NotFoundException) {
                return Optional.empty();
            }
            throw ProvisionException.of("reading policy " + id, e);
        }
    }

    static String pathSegment(final String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":");
    }
}
