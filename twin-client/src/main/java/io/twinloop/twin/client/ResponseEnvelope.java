package io.twinloop.twin.client;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.protocol.Adaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.eclipse.ditto.protocol.TopicPath;

/**
 * A Ditto Protocol message read as the answer to a command: a command response (topic
 * {@code .../things/twin/commands/<action>} with {@code status} and maybe {@code value}) or an error response
 * ({@code .../things/twin/errors}, Ditto's error JSON as {@code value}). Parsed with Ditto's {@link ProtocolFactory};
 * turned into the same {@link TwinResponse} or {@link DittoErrorException} the HTTP client gives, so callers handle
 * both transports alike.
 */
final class ResponseEnvelope {

    private final Adaptable adaptable;

    private ResponseEnvelope(final Adaptable adaptable) {
        this.adaptable = adaptable;
    }

    /** Reads a text message; anything that is not a Ditto Protocol envelope is refused with an exception. */
    static ResponseEnvelope parse(final String text) {
        return new ResponseEnvelope(ProtocolFactory.jsonifiableAdaptableFromJson(JsonFactory.newObject(text)));
    }

    Optional<String> correlationId() {
        return adaptable.getDittoHeaders().getCorrelationId();
    }

    boolean isError() {
        return adaptable.getTopicPath().getCriterion() == TopicPath.Criterion.ERRORS;
    }

    /** A command response as {@link TwinResponse}: status, value as body, Ditto headers (e.g. {@code etag}). */
    TwinResponse toResponse() {
        return TwinResponse.of(status(), headers(), adaptable.getPayload().getValue().orElse(null));
    }

    /** An error response as the exception the HTTP client throws for the same status and error code. */
    DittoErrorException toException(final String request) {
        final String errorJson = adaptable.getPayload().getValue().map(JsonValue::toString).orElse("");
        return DittoErrorException.of(DittoError.fromResponse(status(), errorJson), request, headers());
    }

    private int status() {
        return adaptable.getPayload().getHttpStatus().map(HttpStatus::getCode)
                .or(() -> adaptable.getPayload().getValue().filter(JsonValue::isObject)
                        .flatMap(error -> error.asObject().getValue("status")).filter(JsonValue::isInt)
                        .map(JsonValue::asInt))
                .orElse(isError() ? 500 : 200);
    }

    private HttpHeaders headers() {
        final Map<String, List<String>> headers = adaptable.getDittoHeaders().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
        return HttpHeaders.of(headers, (name, value) -> true);
    }
}
