package io.twinloop.ditto.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.base.model.auth.DittoAuthorizationContextType;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.signals.Signal;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.Thing;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.ThingsModelFactory;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDesiredPropertiesNotModifiableException;
import org.eclipse.ditto.things.model.signals.commands.modify.CreateThing;
import org.eclipse.ditto.things.model.signals.commands.modify.DeleteFeatureDesiredProperty;
import org.eclipse.ditto.things.model.signals.commands.modify.MergeThing;
import org.eclipse.ditto.things.model.signals.commands.modify.ModifyFeatureDesiredProperties;
import org.eclipse.ditto.things.model.signals.commands.modify.ModifyFeatureDesiredProperty;
import org.eclipse.ditto.things.model.signals.commands.modify.ModifyFeatureProperty;
import org.eclipse.ditto.things.model.signals.commands.modify.ModifyThing;
import org.eclipse.ditto.things.model.signals.commands.query.RetrieveThing;
import org.junit.jupiter.api.Test;

import io.twinloop.ditto.guard.DesiredWrite;
import io.twinloop.ditto.guard.DesiredWriteGuard;
import io.twinloop.ditto.guard.GuardConfig;
import io.twinloop.ditto.guard.ImpactRule;
import io.twinloop.ditto.guard.Operation;
import io.twinloop.ditto.guard.PathPattern;
import io.twinloop.ditto.guard.TestKeys;
import io.twinloop.ditto.guard.WriteHeaders;

/** The pre-enforcer driven with real Ditto 3.8 command objects, as the things service hands them over. */
class DesiredWriteGuardPreEnforcerTest {

    private static final ThingId THING = ThingId.of("plant:press-1");
    private static final String FEATURE = "Op";
    private static final String ERROR_CODE = "things:feature.desiredProperties.notmodifiable";

    private final TestKeys keys = new TestKeys();

    private DesiredWriteGuardPreEnforcer preEnforcer(final GuardConfig.OtherSubjects others) {
        return new DesiredWriteGuardPreEnforcer(DesiredWriteGuard.of(new GuardConfig(true,
                Map.of("optimizer", Set.of("pre:optimizer"), "maintenance", Set.of("pre:maintenance")),
                keys.trusted("optimizer", "maintenance"), keys.trusted("alice"), others,
                new ImpactRule(List.of(PathPattern.parse("/features/*/desiredProperties/SpindleSpeed"))), false,
                Duration.ZERO, 65_536), Clock.systemUTC()));
    }

    private final DesiredWriteGuardPreEnforcer guard = preEnforcer(GuardConfig.OtherSubjects.ALLOW);

    private static DittoHeaders headers(final String subject, final Map<String, String> extra) {
        return DittoHeaders.newBuilder()
                .correlationId("c-1")
                .authorizationContext(AuthorizationContext.newInstance(DittoAuthorizationContextType.UNSPECIFIED,
                        AuthorizationSubject.newInstance(subject)))
                .putHeaders(extra)
                .build();
    }

    /** Signs as {@code agent} what the optimizer would send for this operation, path and value. */
    private Map<String, String> signed(final String agent, final Operation operation, final String path,
            final JsonValue value, final long revision) {
        final DesiredWrite write = DesiredWrite.of(THING.toString(), operation, JsonPointer.of(path), value)
                .orElseThrow();
        return keys.signer(agent).sign(write, revision, "d-" + revision, Optional.empty());
    }

    private static Signal<?> passed(final DesiredWriteGuardPreEnforcer preEnforcer, final Signal<?> signal)
            throws Exception {
        return preEnforcer.apply(signal).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static DittoRuntimeException refused(final DesiredWriteGuardPreEnforcer preEnforcer,
            final Signal<?> signal) {
        final Throwable thrown = catchThrowable(() -> preEnforcer.apply(signal).toCompletableFuture().join());
        assertThat(thrown).isInstanceOf(CompletionException.class);
        final Throwable cause = thrown.getCause();
        assertThat(cause).isInstanceOf(FeatureDesiredPropertiesNotModifiableException.class);
        final DittoRuntimeException error = (DittoRuntimeException) cause;
        assertThat(error.getHttpStatus().getCode()).isEqualTo(403);
        assertThat(error.getErrorCode()).isEqualTo(ERROR_CODE);
        assertThat(error.getDittoHeaders().getCorrelationId()).contains("c-1");
        return error;
    }

    private static ModifyFeatureDesiredProperty modifySpeed(final JsonValue value, final Map<String, String> h) {
        return ModifyFeatureDesiredProperty.of(THING, FEATURE, JsonPointer.of("Feed"), value,
                headers("pre:optimizer", h));
    }

    @Test
    void signedModifyFeatureDesiredPropertyPasses() throws Exception {
        final var command = modifySpeed(JsonValue.of(12.5), signed("optimizer", Operation.MODIFY,
                "/features/Op/desiredProperties/Feed", JsonValue.of(12.5), 7));
        assertThat(passed(guard, command)).isSameAs(command);
    }

    @Test
    void unsignedDesiredWriteByAnAgentIsRefused() {
        final DittoRuntimeException error = refused(guard, modifySpeed(JsonValue.of(1), Map.of()));
        assertThat(error.getMessage()).contains("plant:press-1").contains("/features/Op/desiredProperties/Feed");
        assertThat(error.getDescription()).get().asString()
                .contains("without a signature").endsWith("(twinloop guard: UNSIGNED)");
    }

    @Test
    void tamperedValueIsRefused() {
        final Map<String, String> h = signed("optimizer", Operation.MODIFY, "/features/Op/desiredProperties/Feed",
                JsonValue.of(12.5), 7);
        assertThat(refused(guard, modifySpeed(JsonValue.of(99), h)).getDescription()).get().asString()
                .endsWith("(twinloop guard: BAD_SIGNATURE)");
    }

    @Test
    void untrustedOrForeignKeysAreRefused() {
        final JsonValue v = JsonValue.of(1);
        final String path = "/features/Op/desiredProperties/Feed";
        assertThat(refused(guard, modifySpeed(v, signed("mallory", Operation.MODIFY, path, v, 7)))
                .getDescription()).get().asString().endsWith("(twinloop guard: UNKNOWN_KEY)");
        assertThat(refused(guard, modifySpeed(v, signed("maintenance", Operation.MODIFY, path, v, 7)))
                .getDescription()).get().asString().endsWith("(twinloop guard: KEY_OF_OTHER_AGENT)");
    }

    @Test
    void aReplayOntoAnotherRevisionIsRefused() {
        final JsonValue v = JsonValue.of(1);
        final Map<String, String> h = new HashMap<>(signed("optimizer", Operation.MODIFY,
                "/features/Op/desiredProperties/Feed", v, 7));
        h.put(WriteHeaders.IF_MATCH, WriteHeaders.revisionTag(9));
        assertThat(refused(guard, modifySpeed(v, h)).getDescription()).get().asString()
                .contains("signed for revision 7 but If-Match asks for revision 9")
                .endsWith("(twinloop guard: REVISION_MISMATCH)");

        h.put(WriteHeaders.BASED_ON_REVISION, "9"); // claiming the new revision breaks the signature
        assertThat(refused(guard, modifySpeed(v, h)).getDescription()).get().asString()
                .endsWith("(twinloop guard: BAD_SIGNATURE)");

        h.remove(WriteHeaders.IF_MATCH);
        assertThat(refused(guard, modifySpeed(v, h)).getDescription()).get().asString()
                .endsWith("(twinloop guard: MISSING_IF_MATCH)");
    }

    @Test
    void highImpactWritesNeedAnApproval() throws Exception {
        final JsonObject value = JsonObject.of("{\"SpindleSpeed\":1500,\"Feed\":2}");
        final String path = "/features/Op/desiredProperties";
        final Map<String, String> h = signed("optimizer", Operation.MODIFY, path, value, 3);
        final var unapproved = ModifyFeatureDesiredProperties.of(THING, FEATURE,
                ThingsModelFactory.newFeatureProperties(value), headers("pre:optimizer", h));
        assertThat(refused(guard, unapproved).getDescription()).get().asString()
                .contains("/features/*/desiredProperties/SpindleSpeed")
                .endsWith("(twinloop guard: MISSING_APPROVAL)");

        final DesiredWrite write = DesiredWrite.of(THING.toString(), Operation.MODIFY, JsonPointer.of(path), value)
                .orElseThrow();
        final var approved = ModifyFeatureDesiredProperties.of(THING, FEATURE,
                ThingsModelFactory.newFeatureProperties(value),
                headers("pre:optimizer", keys.signer("alice").approve(write, h)));
        assertThat(passed(guard, approved)).isSameAs(approved);
    }

    @Test
    void mergesAtEveryLevelAreCaught() throws Exception {
        final Map<String, JsonValue> patches = Map.of(
                "/", JsonObject.of("{\"attributes\":{\"x\":1},\"features\":{\"Op\":{\"desiredProperties\":{\"Feed\":3}}}}"),
                "/features", JsonObject.of("{\"Op\":{\"desiredProperties\":{\"Feed\":3}}}"),
                "/features/Op", JsonObject.of("{\"properties\":{\"a\":1},\"desiredProperties\":{\"Feed\":3}}"),
                "/features/Op/desiredProperties", JsonObject.of("{\"Feed\":3}"),
                "/features/Op/desiredProperties/Feed", JsonValue.of(3));
        for (final Map.Entry<String, JsonValue> patch : patches.entrySet()) {
            final JsonPointer path = JsonPointer.of(patch.getKey());
            final MergeThing unsigned = MergeThing.of(THING, path, patch.getValue(), headers("pre:optimizer",
                    Map.of()));
            assertThat(refused(guard, unsigned).getDescription()).as(patch.getKey()).get().asString()
                    .endsWith("(twinloop guard: UNSIGNED)");

            final MergeThing signedMerge = MergeThing.of(THING, path, patch.getValue(), headers("pre:optimizer",
                    signed("optimizer", Operation.MERGE, patch.getKey(), patch.getValue(), 5)));
            assertThat(passed(guard, signedMerge)).as(patch.getKey()).isSameAs(signedMerge);
        }
    }

    @Test
    void aSignatureForAMergeIsNoSignatureForAReplacement() {
        final JsonObject value = JsonObject.of("{\"Feed\":3}");
        final var modify = ModifyFeatureDesiredProperties.of(THING, FEATURE,
                ThingsModelFactory.newFeatureProperties(value), headers("pre:optimizer",
                        signed("optimizer", Operation.MERGE, "/features/Op/desiredProperties", value, 5)));
        assertThat(refused(guard, modify).getDescription()).get().asString()
                .endsWith("(twinloop guard: BAD_SIGNATURE)");
    }

    @Test
    void createAndModifyThingWithDesiredPropertiesAreGuarded() throws Exception {
        final Thing thing = ThingsModelFactory.newThing("{\"thingId\":\"plant:press-1\",\"features\":{\"Op\":"
                + "{\"properties\":{\"Feed\":1},\"desiredProperties\":{\"Feed\":2}}}}");
        final JsonObject desiredOnly = JsonObject.of("{\"features\":{\"Op\":{\"desiredProperties\":{\"Feed\":2}}}}");

        assertThat(refused(guard, CreateThing.of(thing, null, headers("pre:optimizer", Map.of())))
                .getDescription()).get().asString().endsWith("(twinloop guard: UNSIGNED)");
        final var create = CreateThing.of(thing, null,
                headers("pre:optimizer", signed("optimizer", Operation.CREATE, "/", desiredOnly, 0)));
        assertThat(passed(guard, create)).isSameAs(create);
        final var createSignedForLater = CreateThing.of(thing, null,
                headers("pre:optimizer", signed("optimizer", Operation.CREATE, "/", desiredOnly, 4)));
        assertThat(refused(guard, createSignedForLater).getDescription()).get().asString()
                .endsWith("(twinloop guard: REVISION_MISMATCH)");

        // replacing the whole thing can remove a high-impact desired value: it needs an approval
        final Map<String, String> h = signed("optimizer", Operation.MODIFY, "/", desiredOnly, 12);
        assertThat(refused(guard, ModifyThing.of(THING, thing, null, headers("pre:optimizer", h)))
                .getDescription()).get().asString().endsWith("(twinloop guard: MISSING_APPROVAL)");
        final DesiredWrite write = DesiredWrite.of(THING.toString(), Operation.MODIFY, JsonPointer.empty(),
                desiredOnly).orElseThrow();
        final var modify = ModifyThing.of(THING, thing, null,
                headers("pre:optimizer", keys.signer("alice").approve(write, h)));
        assertThat(passed(guard, modify)).isSameAs(modify);
    }

    @Test
    void deletingADesiredPropertyIsADesiredWrite() {
        final var delete = DeleteFeatureDesiredProperty.of(THING, FEATURE, JsonPointer.of("Feed"),
                headers("pre:optimizer", Map.of()));
        assertThat(refused(guard, delete).getDescription()).get().asString()
                .endsWith("(twinloop guard: UNSIGNED)");
    }

    @Test
    void nonDesiredWritesAndReadsPassUntouched() throws Exception {
        final var property = ModifyFeatureProperty.of(THING, FEATURE, JsonPointer.of("Feed"), JsonValue.of(1),
                headers("pre:optimizer", Map.of()));
        assertThat(passed(guard, property)).isSameAs(property);
        final var retrieve = RetrieveThing.of(THING, headers("pre:optimizer", Map.of()));
        assertThat(passed(guard, retrieve)).isSameAs(retrieve);
    }

    @Test
    void otherSubjectsFollowConfiguration() throws Exception {
        final var byOperator = ModifyFeatureDesiredProperty.of(THING, FEATURE, JsonPointer.of("Feed"),
                JsonValue.of(1), headers("nginx:operator", Map.of()));
        assertThat(passed(guard, byOperator)).isSameAs(byOperator);
        assertThat(refused(preEnforcer(GuardConfig.OtherSubjects.REFUSE), byOperator).getDescription()).get()
                .asString().contains("nginx:operator").endsWith("(twinloop guard: OTHER_SUBJECT_REFUSED)");
    }

    @Test
    void liveCommandsAreNotTwinWrites() throws Exception {
        final var live = ModifyFeatureDesiredProperty.of(THING, FEATURE, JsonPointer.of("Feed"), JsonValue.of(1),
                headers("pre:optimizer", Map.of()).toBuilder().channel("live").build());
        assertThat(passed(guard, live)).isSameAs(live);
    }
}
