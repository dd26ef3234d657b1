package io.twinloop.twin.client;

import java.net.http.HttpHeaders;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonValue;

/**
 * A successful (2xx, or 304 for a conditional read) answer of Ditto's HTTP API, or a command response over the
 * WebSocket ({@link TwinCommands}): status, JSON body, entity tag and headers. Error answers never become a
 * {@code TwinResponse}; they complete the future with a {@link DittoErrorException}.
 */
public final class TwinResponse {

    // Ditto sends strong tags "rev:N" for top-level resources (things, policies) and "hash:..." for sub-resources.
    private static final Pattern REVISION_ETAG = Pattern.compile("^(?:W/)?\"rev:(\\d+)\"$");

    private final int statusCode;
    private final JsonValue body;
    private final HttpHeaders headers;

    private TwinResponse(final int statusCode, final JsonValue body, final HttpHeaders headers) {
        this.statusCode = statusCode;
        this.body = body;
        this.headers = Objects.requireNonNull(headers, "headers");
    }

    /** Parses the body as JSON (any JSON value: Ditto answers e.g. {@code "ACME"} for a string attribute). */
    public static TwinResponse of(final int statusCode, final HttpHeaders headers, final String bodyText) {
        final JsonValue body = bodyText == null || bodyText.isBlank() ? null : JsonFactory.readFrom(bodyText);
        return new TwinResponse(statusCode, body, headers);
    }

    /** A response that arrived as a Ditto Protocol envelope, its value already parsed; {@code body} may be null. */
    static TwinResponse of(final int statusCode, final HttpHeaders headers, final JsonValue body) {
        return new TwinResponse(statusCode, body, headers);
    }

    public int statusCode() {
        return statusCode;
    }

    /** {@code true} for 201: Ditto created the resource (as opposed to 204, modified). */
    public boolean isCreated() {
        return statusCode == 201;
    }

    /** The JSON body; empty for 204 No Content, 202 Accepted and 304 Not Modified. */
    public Optional<JsonValue> body() {
        return Optional.ofNullable(body);
    }

    /** The raw {@code ETag} header, quotes included, ready for {@link RequestOptions#ifMatch(String)}. */
    public Optional<String> etag() {
        return headers.firstValue("ETag");
    }

    /** The revision from an {@code ETag: "rev:N"}; empty for sub-resources, whose tags Ditto computes as hashes. */
    public OptionalLong revision() {
        return etag().map(TwinResponse::revisionOf).orElse(OptionalLong.empty());
    }

    /** Response headers; lookups are case-insensitive. */
    public HttpHeaders headers() {
        return headers;
    }

    public Optional<String> header(final String name) {
        return headers.firstValue(name);
    }

    static OptionalLong revisionOf(final String etag) {
        final Matcher m = REVISION_ETAG.matcher(etag.trim());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (final NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }

    @Override
    public String toString() {
        return "TwinResponse[" + statusCode + etag().map(e -> ", ETag=" + e).orElse("")
                + (body == null ? "" : ", body=" + abbreviate(body.toString())) + "]";
    }

    private static String abbreviate(final String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
