package io.twinloop.ditto.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.signals.GlobalErrorRegistry;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.signals.commands.exceptions.FeatureDesiredPropertiesNotModifiableException;
import org.junit.jupiter.api.Test;

import io.twinloop.ditto.guard.DesiredWrite;
import io.twinloop.ditto.guard.GuardDecision;
import io.twinloop.ditto.guard.GuardRefusals;
import io.twinloop.ditto.guard.Operation;

/**
 * The things service sends a refusal to the gateway as the exception's JSON under a manifest that is its error
 * code; the gateway's serializer only has a strategy for the codes in its {@code GlobalErrorRegistry} (Ditto's
 * {@code MappingStrategiesBuilder.add(registry)} registers {@code registry.getTypes()}), and the gateway answers
 * the HTTP client with the parsed exception's JSON. These tests run that path with Ditto's own classes.
 */
class RefusalSerializationTest {

    private final DittoRuntimeException refusal = GuardRefusals.toException(new GuardDecision(
                    GuardDecision.Outcome.UNSIGNED, "Agent 'optimizer' wrote desired properties without a signature.",
                    DesiredWrite.of("plant:press-1", Operation.MODIFY,
                            JsonPointer.of("/features/Op/desiredProperties/Feed"), JsonValue.of(1)),
                    Optional.of("optimizer")),
            DittoHeaders.newBuilder().correlationId("c-9").build());

    @Test
    void theReusedErrorCodeIsOneTheGatewayCanDeserialize() {
        assertThat(GlobalErrorRegistry.getInstance().getTypes()).contains(refusal.getErrorCode());
    }

    @Test
    void statusCodeMessageAndDescriptionSurviveTheRoundTrip() {
        final JsonObject wire = refusal.toJson();

        final DittoRuntimeException parsed = GlobalErrorRegistry.getInstance()
                .parse(wire, DittoHeaders.newBuilder().correlationId("c-9").build());

        assertThat(parsed).isInstanceOf(FeatureDesiredPropertiesNotModifiableException.class);
        assertThat(parsed.getHttpStatus()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(parsed.getErrorCode()).isEqualTo("things:feature.desiredProperties.notmodifiable");
        assertThat(parsed.getMessage()).isEqualTo(refusal.getMessage())
                .contains("plant:press-1", "/features/Op/desiredProperties/Feed");
        assertThat(parsed.getDescription()).isEqualTo(refusal.getDescription());
        assertThat(parsed.getDescription()).get().asString().endsWith("(twinloop guard: UNSIGNED)");
        // what the gateway writes as the HTTP response body
        assertThat(parsed.toJson()).isEqualTo(wire);
        assertThat(wire.getValue("status")).contains(JsonValue.of(403));
    }

    @Test
    void anErrorCodeOfOurOwnWouldNotBeRegistered() {
        final JsonObject own = JsonObject.newBuilder()
                .set("status", 403)
                .set("error", "twinloop:desired.write.refused")
                .set("message", "refused")
                .set("description", "own error class")
                .build();

        // no cluster serialization strategy for it: Ditto's serializer throws NotSerializableException for such a
        // manifest, the HTTP client would see a timeout instead of the refusal
        assertThat(GlobalErrorRegistry.getInstance().getTypes()).doesNotContain("twinloop:desired.write.refused");
        // (only a direct registry parse falls back to an "unknown" exception that keeps the fields)
        final DittoRuntimeException fallback = GlobalErrorRegistry.getInstance().parse(own, DittoHeaders.empty());
        assertThat(fallback.getClass().getSimpleName()).isEqualTo("UnknownDittoRuntimeException");
        assertThat(List.of(fallback.getErrorCode(), fallback.getHttpStatus().getCode()))
                .containsExactly("twinloop:desired.write.refused", 403);
    }
}
