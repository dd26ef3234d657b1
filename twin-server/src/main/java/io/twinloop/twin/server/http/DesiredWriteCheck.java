package io.twinloop.twin.server.http;

import java.time.Clock;
import java.util.function.BooleanSupplier;

import org.eclipse.ditto.base.model.headers.DittoHeadersBuilder;
import org.eclipse.ditto.json.JsonValue;

import io.twinloop.ditto.guard.DesiredWriteGuard;
import io.twinloop.ditto.guard.GuardConfig;
import io.twinloop.ditto.guard.GuardDecision;
import io.twinloop.ditto.guard.GuardRefusals;
import io.twinloop.ditto.guard.Operation;
import io.twinloop.ditto.guard.WriteAttempt;

/**
 * TwinLoop's desired-write guard on this server's writes: the same {@link DesiredWriteGuard} and configuration
 * ({@link GuardConfig}, block {@code twinloop.guard}) that module ditto-extension runs in Ditto's things service as a
 * pre-enforcer, so a client sees the same answers from both. Called for every PUT, PATCH and DELETE of the things
 * API after authentication and parsing, before the policy check and the preconditions (Ditto's order:
 * pre-enforcers, policy enforcement, then the persistence actor's If-Match); Ditto Protocol commands over
 * {@code /ws/2} reach it through the same {@link ThingsEndpoint}. A refusal is Ditto's
 * {@code things:feature.desiredProperties.notmodifiable} (403) with the guard's message and description.
 */
public final class DesiredWriteCheck {

    /** The guard's request headers ({@code twinloop-key-id}, {@code twinloop-signature}, ...) all start so. */
    static final String HEADER_PREFIX = "twinloop-";

    private final DesiredWriteGuard guard;

    private DesiredWriteCheck(final DesiredWriteGuard guard) {
        this.guard = guard;
    }

    public static DesiredWriteCheck of(final GuardConfig config) {
        return new DesiredWriteCheck(DesiredWriteGuard.of(config, Clock.systemUTC()));
    }

    /**
     * @param body the parsed body; {@code null} for a DELETE
     * @param thingExists whether the thing exists now: a PUT or root PATCH of a missing thing is a creation, as
     * Ditto's {@code ModifyToCreateThingTransformer} turns it into a {@code CreateThing} before its pre-enforcers
     * @throws org.eclipse.ditto.base.model.exceptions.DittoRuntimeException the guard's refusal (403)
     */
    void check(final ApiRequest request, final JsonValue body, final BooleanSupplier thingExists) {
        // the cheap exit first: attributes, properties and definitions are never desired writes, so the hot path
        // of connectors (property writes) costs one switch
        if (!guard.config().enabled() || !mayWriteDesired(request.resource().kind())) {
            return;
        }
        final Resource resource = request.resource();
        final boolean wholeThing = resource.kind() == Resource.Kind.THING;
        final Operation operation;
        JsonValue value = body;
        switch (request.method()) {
            case "DELETE" -> {
                operation = Operation.DELETE;
                value = null;
            }
            case "PATCH" -> {
                final boolean creation = wholeThing && !thingExists.getAsBoolean();
                operation = creation ? Operation.CREATE : Operation.MERGE;
                if (creation && body.isObject()) {
                    value = MergeNulls.withoutNulls(body.asObject()); // what Ditto's CreateThing carries
                }
            }
            case "PUT" -> operation = wholeThing && (request.thingCreation() || !thingExists.getAsBoolean())
                    ? Operation.CREATE : Operation.MODIFY;
            default -> {
                return;
            }
        }
        final GuardDecision decision = guard.check(WriteAttempt.of(resource.thingId().toString(), operation,
                resource.pointerInThing(), value, request.headers(),
                request.subject().getAuthorizationSubjectIds()));
        if (!decision.allowed()) {
            throw GuardRefusals.toException(decision, request.headers());
        }
    }

    /** Only these resources can hold {@code desiredProperties} in their value or path. */
    private static boolean mayWriteDesired(final Resource.Kind kind) {
        return switch (kind) {
            case THING, FEATURES, FEATURE, FEATURE_DESIRED_PROPERTIES, FEATURE_DESIRED_PROPERTY -> true;
            default -> false;
        };
    }

    /** Whether a request header is one of the guard's, which the things API passes on as Ditto's gateway does. */
    static boolean isGuardHeader(final String name) {
        return name.regionMatches(true, 0, HEADER_PREFIX, 0, HEADER_PREFIX.length());
    }

    /** Adds the guard's headers among {@code all} (e.g. a Ditto Protocol envelope's) to a request's headers. */
    static void copyGuardHeaders(final java.util.Map<String, String> all, final DittoHeadersBuilder<?, ?> into) {
        for (final java.util.Map.Entry<String, String> header : all.entrySet()) {
            if (isGuardHeader(header.getKey())) {
                into.putHeader(header.getKey(), header.getValue());
            }
        }
    }
}
