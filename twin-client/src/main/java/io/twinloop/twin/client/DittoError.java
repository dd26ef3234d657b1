package io.twinloop.twin.client;

import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonValue;

/**
 * Ditto's error JSON ({@code status}, {@code error}, {@code message}, {@code description}, {@code href}), or a
 * stand-in built from the HTTP status when the body is something else (a proxy's HTML page, an empty 401, ...).
 * Ditto documents that the {@code error} codes may change; the status is the stable part.
 */
public final class DittoError {

    private static final int MAX_FOREIGN_BODY = 300;

    private final int status;
    private final String errorCode;
    private final String message;
    private final String description;
    private final String href;

    private DittoError(final int status, final String errorCode, final String message, final String description,
            final String href) {
        this.status = status;
        this.errorCode = errorCode;
        this.message = Objects.requireNonNull(message, "message");
        this.description = description;
        this.href = href;
    }

    public static DittoError of(final int status, final String errorCode, final String message,
            final String description) {
        return new DittoError(status, errorCode, message, description, null);
    }

    /**
     * Reads an error answer. The HTTP status wins over the body's {@code status} field: it is what the server
     * really answered, and the mapping to exception types must agree with it.
     */
    public static DittoError fromResponse(final int httpStatus, final String bodyText) {
        final JsonObject json = parseObject(bodyText);
        if (json != null && json.getValue("error").filter(JsonValue::isString).isPresent()) {
            return new DittoError(httpStatus,
                    string(json, "error"),
                    Optional.ofNullable(string(json, "message")).orElse("HTTP " + httpStatus),
                    string(json, "description"),
                    string(json, "href"));
        }
        final String body = bodyText == null ? "" : bodyText.strip();
        final String shown = body.length() > MAX_FOREIGN_BODY ? body.substring(0, MAX_FOREIGN_BODY) + "..." : body;
        return new DittoError(httpStatus, null,
                "HTTP " + httpStatus + (shown.isEmpty() ? " without a Ditto error body" : ": " + shown), null, null);
    }

    private static JsonObject parseObject(final String bodyText) {
        if (bodyText == null || !bodyText.strip().startsWith("{")) {
            return null;
        }
        try {
            return JsonFactory.readFrom(bodyText).asObject();
        } catch (final RuntimeException notJson) {
            return null;
        }
    }

    private static String string(final JsonObject json, final String key) {
        return json.getValue(key).filter(JsonValue::isString).map(JsonValue::asString).orElse(null);
    }

    public int status() {
        return status;
    }

    /** Ditto's error code, e.g. {@code things:thing.notfound}; empty when the body was not Ditto's error JSON. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public String message() {
        return message;
    }

    /** Ditto's hint on how to resolve the error. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public Optional<String> href() {
        return Optional.ofNullable(href);
    }

    @Override
    public String toString() {
        return status + errorCode().map(c -> " " + c).orElse("") + ": " + message
                + description().map(d -> " (" + d + ")").orElse("");
    }
}
