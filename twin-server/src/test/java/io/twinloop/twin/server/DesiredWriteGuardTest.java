package io.twinloop.twin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.ditto.base.model.auth.AuthorizationContext;
import org.eclipse.ditto.base.model.auth.AuthorizationSubject;
import org.eclipse.ditto.base.model.auth.DittoAuthorizationContextType;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.adapter.DittoProtocolAdapter;
import org.eclipse.ditto.things.model.ThingId;
import org.eclipse.ditto.things.model.signals.commands.ThingCommand;
import org.eclipse.ditto.things.model.signals.commands.modify.MergeThing;
import org.eclipse.ditto.things.model.signals.commands.modify.ModifyFeatureDesiredProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.typesafe.config.ConfigFactory;

import io.twinloop.ditto.guard.DesiredWrite;
import io.twinloop.ditto.guard.DesiredWriteGuard;
import io.twinloop.ditto.guard.GuardConfig;
import io.twinloop.ditto.guard.GuardRefusals;
import io.twinloop.ditto.guard.Operation;
import io.twinloop.ditto.guard.WriteAttempt;
import io.twinloop.ditto.guard.WriteSigner;

/**
 * The desired-write guard of module ditto-extension in the embedded server, over real sockets: HTTP and
 * {@code /ws/2} writes by the agent subject {@code nginx:optimizer} must be signed by its key (and approved for the
 * high-impact {@code Mode}), refusals are Ditto's 403 {@code things:feature.desiredProperties.notmodifiable}, and
 * everyone else follows {@code other-subjects}. The configuration is the HOCON block Ditto's things service reads.
 */
class DesiredWriteGuardTest extends WebSocketTestSupport {

    private static final String OPTIMIZER = "optimizer";
    private static final String CONNECTOR = "connector";
    private static final String DESIRED = THING + "/features/spindle/desiredProperties/speed";
    private static final String MODE = THING + "/features/spindle/desiredProperties/Mode";
    private static final String TOPIC = "org.example/machine-1/things/twin/commands/";
    private static final String REFUSED = "things:feature.desiredProperties.notmodifiable";
    private static final DittoProtocolAdapter ADAPTER = DittoProtocolAdapter.newInstance();
    private static final KeyPair OPTIMIZER_KEY = ed25519();
    private static final KeyPair OPERATOR_KEY = ed25519();
    private static final KeyPair STRANGER_KEY = ed25519();

    private final WriteSigner optimizer = WriteSigner.of(OPTIMIZER, OPTIMIZER_KEY.getPrivate(),
            OPTIMIZER_KEY.getPublic());
    private final WriteSigner operator = WriteSigner.of("alice", OPERATOR_KEY.getPrivate(), OPERATOR_KEY.getPublic());
    private String otherSubjects = "allow";

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (final java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same keys as in Ditto's things-extension.conf (module ditto-extension README: configuration). */
    private GuardConfig guardConfig() {
        return GuardConfig.fromConfig(ConfigFactory.parseString(String.join("\n",
                "agent-subjects = \"optimizer=nginx:" + OPTIMIZER + "\"",
                "agent-keys { optimizer = \"" + base64(OPTIMIZER_KEY) + "\" }",
                "approver-keys { alice = \"" + base64(OPERATOR_KEY) + "\" }",
                "other-subjects = " + otherSubjects,
                "high-impact-paths = \"/features/*/desiredProperties/Mode\"")));
    }

    private static String base64(final KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    @Override
    TwinServerConfig config() {
        return super.config().withUser(OPTIMIZER, OPTIMIZER).withUser(CONNECTOR, CONNECTOR).withGuard(guardConfig());
    }

    /** The thing with a least-privilege policy: the optimizer writes desired properties, the connector properties. */
    @BeforeEach
    void thing() throws Exception {
        final String policy = "{\"entries\":{"
                + "\"OWNER\":{\"subjects\":{\"nginx:" + USER + "\":{\"type\":\"user\"}},\"resources\":{"
                + "\"thing:/\":{\"grant\":[\"READ\",\"WRITE\"],\"revoke\":[]},"
                + "\"policy:/\":{\"grant\":[\"READ\",\"WRITE\"],\"revoke\":[]}}},"
                + "\"OPTIMIZER\":{\"subjects\":{\"nginx:" + OPTIMIZER + "\":{\"type\":\"agent\"}},\"resources\":{"
                + "\"thing:/\":{\"grant\":[\"READ\"],\"revoke\":[]},"
                + "\"thing:/features/spindle/desiredProperties\":{\"grant\":[\"WRITE\"],\"revoke\":[]}}},"
                + "\"CONNECTOR\":{\"subjects\":{\"nginx:" + CONNECTOR + "\":{\"type\":\"connector\"}},\"resources\":{"
                + "\"thing:/\":{\"grant\":[\"READ\"],\"revoke\":[]},"
                + "\"thing:/features/spindle/properties\":{\"grant\":[\"WRITE\"],\"revoke\":[]}}}}}";
        // the owner is no agent: its creation with desired properties passes (other-subjects = allow)
        final var created = put(THING, "{\"_policy\":" + policy + ",\"features\":{\"spindle\":{\"properties\":"
                + "{\"speed\":1200},\"desiredProperties\":{\"speed\":1500}},\"press\":{\"properties\":{}}}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void anUnsignedDesiredWriteOfTheAgentIsRefusedOverHttpWithDittosError() throws Throwable {
        final long revision = revision();
        final var refused = as(OPTIMIZER, OPTIMIZER, () -> put(DESIRED, "1600"));

        assertRefused(refused, "UNSIGNED");
        assertThat(json(refused).getValue("message").map(JsonValue::asString)).contains("The desired properties write "
                + "(modify) to thing '" + THING + "' at '/features/spindle/desiredProperties/speed' was refused by the "
                + "TwinLoop guard.");
        assertThat(desiredSpeed()).isEqualTo(1500);
        assertThat(revision()).isEqualTo(revision);
    }

    @Test
    void theGuardRunsBeforeThePolicyAndThePreconditions() throws Throwable {
        // the optimizer may not write the press's desired properties, and the If-Match is wrong: Ditto's
        // pre-enforcer answers first, so the client learns that the write is unsigned, not that it is forbidden
        final var refused = as(OPTIMIZER, OPTIMIZER, () -> put(THING + "/features/press/desiredProperties/force",
                "7", "If-Match", "\"rev:999\""));
        assertRefused(refused, "UNSIGNED");
    }

    @Test
    void aSignedDesiredWritePassesOverHttp() throws Throwable {
        final long revision = revision();
        final JsonObject patch = desiredSpeedPatch(1600);
        final var written = as(OPTIMIZER, OPTIMIZER, () -> patch(THING, patch.toString(), signed(patch, revision)));
        assertThat(written.statusCode()).as(written.body()).isEqualTo(204);
        assertThat(desiredSpeed()).isEqualTo(1600);
    }

    @Test
    void aSignedWriteOfAPartOfTheThingPassesTheGuardButNotIfMatch() throws Throwable {
        // Ditto's entity tag of a part is a hash of its value, not the thing's revision: "rev:N" never matches it,
        // so signed writes address the thing (a merge at "/", as the optimizer sends them)
        final long revision = revision();
        final String[] headers = flat(optimizer.sign(write(Operation.MODIFY,
                "/features/spindle/desiredProperties/speed", JsonValue.of(1600)), revision, "d-1", Optional.empty()));
        final var written = as(OPTIMIZER, OPTIMIZER, () -> put(DESIRED, "1600", headers));
        assertThat(written.statusCode()).as(written.body()).isEqualTo(412);
        assertThat(error(written)).isEqualTo("things:precondition.failed");
    }

    @Test
    void aReplayedOrStaleSignedWriteIsRefused() throws Throwable {
        final long revision = revision();
        final JsonObject patch = desiredSpeedPatch(1600);
        final String[] headers = signed(patch, revision);

        // the same signature sent for the next revision: the guard (403), since If-Match is not what was signed
        final String[] otherRevision = replaced(headers, "If-Match", "\"rev:" + (revision + 1) + "\"");
        assertRefused(as(OPTIMIZER, OPTIMIZER, () -> patch(THING, patch.toString(), otherRevision)),
                "REVISION_MISMATCH");
        // ... and with the based-on revision changed to match: no longer the signed document
        final String[] bothChanged = replaced(otherRevision, "twinloop-based-on-revision", "" + (revision + 1));
        assertRefused(as(OPTIMIZER, OPTIMIZER, () -> patch(THING, patch.toString(), bothChanged)), "BAD_SIGNATURE");

        // applied once ...
        assertThat(as(OPTIMIZER, OPTIMIZER, () -> patch(THING, patch.toString(), headers)).statusCode())
                .isEqualTo(204);
        // ... sent again after the twin moved on: the signature is valid for revision N, so the guard passes it and
        // the server's precondition refuses it (412), as Ditto's persistence actor does after its pre-enforcer
        final var replayed = as(OPTIMIZER, OPTIMIZER, () -> patch(THING, patch.toString(), headers));
        assertThat(replayed.statusCode()).isEqualTo(412);
        assertThat(error(replayed)).isEqualTo("things:precondition.failed");
        assertThat(revision()).isEqualTo(revision + 1);
    }

    @Test
    void aTamperedValueOrAnUnknownKeyIsRefused() throws Throwable {
        final long revision = revision();
        final String[] headers = signed(desiredSpeedPatch(1600), revision);
        assertRefused(as(OPTIMIZER, OPTIMIZER, () -> patch(THING, desiredSpeedPatch(9000).toString(), headers)),
                "BAD_SIGNATURE");

        final WriteSigner stranger = WriteSigner.of(OPTIMIZER, STRANGER_KEY.getPrivate(), STRANGER_KEY.getPublic());
        final String[] foreign = flat(stranger.sign(write(Operation.MERGE, "/", desiredSpeedPatch(1600)), revision,
                "d-1", Optional.empty()));
        assertRefused(as(OPTIMIZER, OPTIMIZER, () -> patch(THING, desiredSpeedPatch(1600).toString(), foreign)),
                "UNKNOWN_KEY");
        assertThat(desiredSpeed()).isEqualTo(1500);
    }

    @Test
    void aHighImpactWriteNeedsAnOperatorsApproval() throws Throwable {
        final long revision = revision();
        final JsonObject patch = JsonObject.of("{\"features\":{\"spindle\":{\"desiredProperties\":{\"Mode\":\"OFF\"}}}}");
        final DesiredWrite write = write(Operation.MERGE, "/", patch);
        final Map<String, String> signed = optimizer.sign(write, revision, "d-7", Optional.empty());
        assertRefused(as(OPTIMIZER, OPTIMIZER, () -> patch(THING, patch.toString(), flat(signed))),
                "MISSING_APPROVAL");
        // an approval by the agent's own key is no approval
        assertRefused(as(OPTIMIZER, OPTIMIZER, () -> patch(THING, patch.toString(),
                flat(optimizer.approve(write, signed)))), "UNKNOWN_APPROVER");

        final var approved = as(OPTIMIZER, OPTIMIZER, () -> patch(THING, patch.toString(),
                flat(operator.approve(write, signed))));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        assertThat(value(get(MODE))).isEqualTo(JsonValue.of("OFF"));
    }

    @Test
    void otherSubjectsFollowTheConfigurationAndPropertyWritesPassUntouched() throws Throwable {
        assertThat(put(DESIRED, "1550").statusCode()).isEqualTo(204); // the owner: allowed by default
        assertThat(desiredSpeed()).isEqualTo(1550);

        otherSubjects = "refuse";
        restart();
        assertRefused(put(DESIRED, "1560"), "OTHER_SUBJECT_REFUSED");
        assertRefused(delete(THING + "/features/spindle/desiredProperties"), "OTHER_SUBJECT_REFUSED");
        assertThat(desiredSpeed()).isEqualTo(1550);
        // writes that touch no desired properties are none of the guard's business, whoever writes them
        assertThat(put(THING + "/attributes/location", "\"hall 2\"").statusCode()).isEqualTo(201);
        assertThat(as(CONNECTOR, CONNECTOR, () -> put(THING + "/features/spindle/properties/speed", "1210"))
                .statusCode()).isEqualTo(204);
        // a merge of the thing without desired properties passes; one with them does not
        assertThat(patch(THING, "{\"attributes\":{\"line\":1}}").statusCode()).isEqualTo(204);
        assertRefused(patch(THING, "{\"features\":{\"spindle\":{\"desiredProperties\":{\"speed\":1}}}}"),
                "OTHER_SUBJECT_REFUSED");
    }

    @Test
    void anAgentCreatingAThingSignsTheCreationForRevisionZero() throws Throwable {
        final String other = "org.example:machine-2";
        final JsonObject thing = JsonObject.of("{\"features\":{\"spindle\":{\"desiredProperties\":{\"speed\":900}}}}");
        assertRefused(as(OPTIMIZER, OPTIMIZER, () -> put(other, thing.toString())), "UNSIGNED");

        final String[] headers = flat(optimizer.sign(DesiredWrite.of(other, Operation.CREATE, JsonPointer.empty(),
                thing).orElseThrow(), 0, "d-create", Optional.empty()));
        final var created = as(OPTIMIZER, OPTIMIZER, () -> put(other, thing.toString(), headers));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void overTheWebSocketUnsignedCommandsAreRefusedWithDittosErrorResponseAndSignedOnesPass() throws Exception {
        final long revision = revision();
        final WebSocketClient client = connect(OPTIMIZER, OPTIMIZER);

        // a real Ditto command, sent as the envelope Ditto's adapter makes of it
        final ModifyFeatureDesiredProperty unsigned = ModifyFeatureDesiredProperty.of(ThingId.of(THING), "spindle",
                JsonPointer.of("speed"), JsonValue.of(1600), DittoHeaders.newBuilder().correlationId("c-unsigned")
                        .build());
        client.send(envelopeOf(unsigned));
        final JsonObject error = client.nextJson();
        assertThat(error.getValue("topic").map(JsonValue::asString)).contains("org.example/machine-1/things/twin/errors");
        assertThat(error.getValue("status").map(JsonValue::asInt)).contains(403);
        assertThat(error.getValue("headers/correlation-id").map(JsonValue::asString)).contains("c-unsigned");
        // exactly the error Ditto's pre-enforcer raises for this command (same guard, same refusal)
        final DittoRuntimeException expected = dittoRefusal(unsigned);
        assertThat(error.getValue("value/error").map(JsonValue::asString)).contains(REFUSED)
                .contains(expected.getErrorCode());
        assertThat(error.getValue("value/message").map(JsonValue::asString)).contains(expected.getMessage());
        assertThat(error.getValue("value/description").map(JsonValue::asString))
                .isEqualTo(expected.getDescription()).hasValueSatisfying(d -> assertThat(d).endsWith(
                        "(twinloop guard: UNSIGNED)"));
        assertThat(desiredSpeed()).isEqualTo(1500);

        final JsonObject patch = desiredSpeedPatch(1600);
        final MergeThing signed = MergeThing.of(ThingId.of(THING), JsonPointer.empty(), patch,
                DittoHeaders.newBuilder().correlationId("c-signed").contentType("application/merge-patch+json")
                        .putHeaders(optimizer.sign(write(Operation.MERGE, "/", patch), revision, "d-ws",
                                Optional.empty())).build());
        assertThat(dittoRefusalOrNull(signed)).isNull();
        client.send(envelopeOf(signed));
        final JsonObject response = client.nextJson();
        assertThat(response.getValue("status").map(JsonValue::asInt)).as(response.toString()).contains(204);
        assertThat(desiredSpeed()).isEqualTo(1600);

        // the same command again: the twin has left the signed revision, so the guard passes it and If-Match not
        client.send(envelopeOf(signed.setDittoHeaders(signed.getDittoHeaders().toBuilder().correlationId("c-again")
                .build())));
        final JsonObject conflict = client.nextJson();
        assertThat(conflict.getValue("status").map(JsonValue::asInt)).as(conflict.toString()).contains(412);
        assertThat(conflict.getValue("value/error").map(JsonValue::asString)).contains("things:precondition.failed");

        // tampered: another value under the same signature
        final MergeThing tampered = MergeThing.of(ThingId.of(THING), JsonPointer.empty(), desiredSpeedPatch(9000),
                signed.getDittoHeaders().toBuilder().correlationId("c-tampered").build());
        client.send(envelopeOf(tampered));
        final JsonObject refused = client.nextJson();
        assertThat(refused.getValue("status").map(JsonValue::asInt)).contains(403);
        assertThat(refused.getValue("value/description").map(JsonValue::asString))
                .isEqualTo(dittoRefusal(tampered).getDescription());
        assertThat(desiredSpeed()).isEqualTo(1600);
    }

    @Test
    void theDefaultConfigurationIsDittosAndLetsEveryWritePass() {
        // TwinServerConfig.of reads the guard like Ditto does (things-extension.conf + TWINLOOP_GUARD_*), at start
        assertThat(TwinServerConfig.of(dataDirectory).guard()).isEmpty();
        final GuardConfig fromClassPath = GuardConfig.fromClassPath();
        assertThat(fromClassPath.agentSubjects()).isEmpty();
        assertThat(fromClassPath.otherSubjects()).isEqualTo(GuardConfig.OtherSubjects.ALLOW);
    }

    private void assertRefused(final HttpResponse<String> response, final String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(error(response)).isEqualTo(REFUSED);
        assertThat(json(response).getValue("description").map(JsonValue::asString)).hasValueSatisfying(d ->
                assertThat(d).endsWith("(twinloop guard: " + code + ")"));
    }

    /** What Ditto's pre-enforcer (the same guard on the same command) raises, or null if it passes the command. */
    private DittoRuntimeException dittoRefusalOrNull(final ThingCommand<?> command) {
        final ThingCommand<?> authorized = command.setDittoHeaders(command.getDittoHeaders().toBuilder()
                .authorizationContext(AuthorizationContext.newInstance(DittoAuthorizationContextType.PRE_AUTHENTICATED_HTTP,
                        AuthorizationSubject.newInstance("nginx:" + OPTIMIZER))).build());
        final var decision = DesiredWriteGuard.of(guardConfig(), java.time.Clock.systemUTC())
                .check(WriteAttempt.fromSignal(authorized).orElseThrow());
        return decision.allowed() ? null : GuardRefusals.toException(decision, authorized.getDittoHeaders());
    }

    private DittoRuntimeException dittoRefusal(final ThingCommand<?> command) {
        final DittoRuntimeException refusal = dittoRefusalOrNull(command);
        assertThat(refusal).isNotNull();
        return refusal;
    }

    /**
     * The envelope Ditto's adapter makes of the command, with the command's headers: the adapter does not write
     * {@code if-match} into an envelope (Ditto's header definition reads it from outside but never writes it), a
     * client sending Ditto Protocol puts it into the envelope's headers itself.
     */
    private static String envelopeOf(final ThingCommand<?> command) {
        final JsonObject envelope = ProtocolFactory.wrapAsJsonifiableAdaptable(ADAPTER.toAdaptable(command)).toJson();
        final var headers = envelope.getValue("headers").filter(JsonValue::isObject).map(JsonValue::asObject)
                .orElse(JsonObject.empty()).toBuilder();
        command.getDittoHeaders().forEach(headers::set);
        return envelope.setValue("headers", headers.build()).toString();
    }

    private static JsonObject desiredSpeedPatch(final int speed) {
        return JsonObject.of("{\"features\":{\"spindle\":{\"desiredProperties\":{\"speed\":" + speed + "}}}}");
    }

    private static DesiredWrite write(final Operation operation, final String path, final JsonValue value) {
        return DesiredWrite.of(THING, operation, JsonPointer.of(path), value).orElseThrow();
    }

    /** The optimizer's headers for a merge of the thing (If-Match: its revision), as its DesiredWriter sends it. */
    private String[] signed(final JsonObject patch, final long revision) {
        return flat(optimizer.sign(write(Operation.MERGE, "/", patch), revision, "d-1", Optional.empty()));
    }

    private static String[] flat(final Map<String, String> headers) {
        final List<String> flat = new ArrayList<>();
        headers.forEach((name, value) -> {
            flat.add(name);
            flat.add(value);
        });
        return flat.toArray(String[]::new);
    }

    private static String[] replaced(final String[] headers, final String name, final String value) {
        final String[] copy = headers.clone();
        for (int i = 0; i < copy.length; i += 2) {
            if (copy[i].equalsIgnoreCase(name)) {
                copy[i + 1] = value;
            }
        }
        return copy;
    }

    private long revision() throws Exception {
        return json(get(THING + "?fields=_revision")).getValue("_revision").map(JsonValue::asLong).orElseThrow();
    }

    private int desiredSpeed() throws Exception {
        return value(get(DESIRED)).asInt();
    }
}
