package io.twinloop.twin.conformance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;

/**
 * A plain HTTP request with the target's credentials, for answers the twin client does not hand out whole: it turns
 * every non-2xx answer into an exception with Ditto's error fields, while an aggregated acknowledgement answer (424)
 * is not an error JSON but one entry per label.
 */
final class RawHttp {

    /** Status and JSON object body of an answer. */
    record Answer(int status, JsonObject body) {}

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RawHttp() {
    }

    /** PUTs {@code json} to {@code apiPath} (e.g. {@code /api/2/things/ns:x/attributes/a}) with extra headers. */
    static Answer put(final TwinTarget target, final String apiPath, final String json, final String... headers) {
        final String credentials = target.username() + ":" + target.password();
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.uri().toString().replaceAll("/+$", "") + apiPath))
                .timeout(Duration.ofSeconds(Await.SECONDS))
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            final HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), bodyOf(response));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        } catch (final java.io.IOException e) {
            throw new AssertionError("PUT " + apiPath + " failed: " + e, e);
        }
    }

    private static JsonObject bodyOf(final HttpResponse<String> response) {
        final String body = response.body();
        if (body.isBlank()) {
            return JsonObject.empty();
        }
        try {
            return JsonFactory.newObject(body);
        } catch (final RuntimeException e) {
            throw new AssertionError("Not a JSON object (" + response.statusCode() + "): " + body, e);
        }
    }
}
