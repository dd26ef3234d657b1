package io.twinloop.twin.server.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.eclipse.ditto.base.model.headers.entitytag.EntityTag;

/** Turns {@link ApiResponse}s into Pekko responses. */
final class HttpAdapter {

    private HttpAdapter() {}

    static HttpResponse toHttp(final ApiResponse response, final String correlationId) {
        final List<HttpHeader> headers = new ArrayList<>(4);
        headers.add(RawHeader.create("correlation-id", correlationId));
        response.eTag().map(EntityTag::toString).ifPresent(tag -> headers.add(RawHeader.create("ETag", tag)));
        response.location().ifPresent(location -> headers.add(RawHeader.create("Location", location)));
        if (response.status() == 401) {
            headers.add(RawHeader.create("WWW-Authenticate", "Basic realm=\"" + Authenticator.REALM + "\""));
        }
        HttpResponse http = HttpResponse.create().withStatus(response.status()).addHeaders(headers);
        final Optional<byte[]> body = response.bytes();
        if (body.isPresent()) {
            http = http.withEntity(ContentTypes.APPLICATION_JSON, body.get());
        }
        return http;
    }

    /** The absolute URI of the request without its query: Ditto's Location for a created resource. */
    static String locationOf(final HttpRequest request) {
        final String uri = request.getUri().toString();
        final int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
