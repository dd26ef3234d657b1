package io.twinloop.twin.server.wot;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonArrayBuilder;
import org.eclipse.ditto.json.JsonField;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonObjectBuilder;
import org.eclipse.ditto.json.JsonPointer;

/**
 * Ditto 3.8's {@code WotThingModelPayloadValidationException} (module {@code ditto-wot-validation}, which Maven
 * Central does not serve here), in the same shape: 400 {@code wot:payload.validation.error}, Ditto's fixed message,
 * a description saying what was invalid and {@code validationDetails}: JSON pointer in the thing to the list of
 * validation errors there.
 */
public final class WotPayloadValidationException extends DittoRuntimeException {

    public static final String ERROR_CODE = "wot:payload.validation.error";
    static final String MESSAGE = "The provided payload did not conform to the specified WoT (Web of Things) model.";

    private static final long serialVersionUID = 1L;

    private final Map<JsonPointer, List<String>> validationDetails;

    private WotPayloadValidationException(final DittoHeaders headers, final String message, final String description,
            final Throwable cause, final URI href, final Map<JsonPointer, List<String>> validationDetails) {
        super(ERROR_CODE, HttpStatus.BAD_REQUEST, headers, message, description, cause, href);
        this.validationDetails = Collections.unmodifiableMap(new LinkedHashMap<>(validationDetails));
    }

    public static Builder newBuilder(final String description) {
        return new Builder(description);
    }

    public Map<JsonPointer, List<String>> validationDetails() {
        return validationDetails;
    }

    @Override
    public DittoRuntimeException setDittoHeaders(final DittoHeaders headers) {
        return new WotPayloadValidationException(headers, getMessage(), getDescription().orElse(null), getCause(),
                getHref().orElse(null), validationDetails);
    }

    @Override
    protected void appendToJson(final JsonObjectBuilder json, final Predicate<JsonField> predicate) {
        if (validationDetails.isEmpty()) {
            return;
        }
        // one member per pointer, its text the key (as Ditto writes it): not nested along the pointer
        final JsonObjectBuilder details = JsonObject.newBuilder();
        validationDetails.forEach((pointer, errors) -> {
            final JsonArrayBuilder list = JsonArray.newBuilder();
            errors.forEach(list::add);
            details.set(JsonField.newInstance(pointer.toString(), list.build()));
        });
        json.set("validationDetails", details.build());
    }

    /** Builds the exception; details keep the order they were added in. */
    public static final class Builder {

        private final String description;
        private final Map<JsonPointer, List<String>> details = new LinkedHashMap<>();
        private DittoHeaders headers = DittoHeaders.empty();

        private Builder(final String description) {
            this.description = description;
        }

        public Builder addValidationDetail(final JsonPointer where, final List<String> errors) {
            details.put(where, List.copyOf(errors));
            return this;
        }

        public boolean hasDetails() {
            return !details.isEmpty();
        }

        public Builder dittoHeaders(final DittoHeaders newHeaders) {
            headers = newHeaders;
            return this;
        }

        public WotPayloadValidationException build() {
            return new WotPayloadValidationException(headers, MESSAGE, description, null, null, details);
        }
    }
}
