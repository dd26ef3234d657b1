package io.twinloop.twin.server.http;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.eclipse.ditto.base.model.exceptions.DittoJsonException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonArrayBuilder;
import org.eclipse.ditto.json.JsonFactory;

/**
 * Reads the Ditto headers TwinLoop uses from HTTP headers and, as Ditto allows, from query parameters of the same
 * name (a header wins). Ditto's own {@link DittoHeaders} builder validates the values (400 for a bad If-Match etc.).
 */
final class RequestHeaders {

    static final List<String> SUPPORTED = List.of("correlation-id", "if-match", "if-none-match", "requested-acks",
            "timeout", "response-required", "condition");

    private RequestHeaders() {}

    static DittoHeaders read(final HttpRequest request) {
        final Map<String, String> values = new HashMap<>();
        for (final String name : SUPPORTED) {
            header(request, name).or(() -> request.getUri().query().get(name))
                    .ifPresent(value -> values.put(name, "requested-acks".equals(name) ? ackList(value) : value));
        }
        // the desired-write guard's headers (twinloop-key-id, twinloop-signature, ...): Ditto's gateway passes
        // headers it has no definition for into the command, so the things service's guard sees them
        for (final HttpHeader header : request.getHeaders()) {
            if (DesiredWriteCheck.isGuardHeader(header.lowercaseName())) {
                values.put(header.lowercaseName(), header.value());
            }
        }
        return DittoJsonException.wrapJsonRuntimeException(() -> DittoHeaders.newBuilder(values).build());
    }

    /** HTTP carries acknowledgement labels comma-separated; Ditto's headers hold them as a JSON array. */
    private static String ackList(final String value) {
        if (value.trim().startsWith("[")) {
            return value;
        }
        final JsonArrayBuilder labels = JsonFactory.newArrayBuilder();
        Arrays.stream(value.split(",")).map(String::trim).filter(l -> !l.isEmpty()).forEach(labels::add);
        return labels.build().toString();
    }

    static Optional<String> header(final HttpRequest request, final String name) {
        return request.getHeader(name).map(h -> h.value());
    }
}
