package io.twinloop.twin.server.wot;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;

/**
 * One container of values (a feature's properties or desired properties, or the thing's attributes), or one
 * value in it, to check against the properties of the model at {@code url}.
 *
 * @param prefix how Ditto names the container's owner in messages: {@code "Feature <X>'s desired "}, {@code
 *        "Thing's "}
 * @param singular {@code property} or {@code attribute}
 * @param whole the value is the container's whole content (required members must be there)
 * @param strict object members the schema requires must be in each value (not for desired values and merges)
 */
record ContainerCheck(String url, String prefix, String singular, String plural, JsonPointer containerPath,
        JsonPointer pointer, JsonValue value, boolean whole, boolean strict, boolean enforce,
        boolean forbidNonModeled) {

    /**
     * Ditto's checks, in Ditto's order and words: an unknown member (when forbidden), missing required members (a
     * whole container), then every value against its property's schema; throws the first failure.
     */
    void validate(final ModelSchemas model, final DittoHeaders headers) {
        if (!enforce() || !model.hasProperties()) {
            return;
        }
        final String prefix = prefix();
        if (!pointer().isEmpty()) {
            final String name = pointer().getRoot().orElseThrow().toString();
            if (forbidNonModeled() && !model.propertyNames().contains(name)) {
                throw WotPayloadValidationException.newBuilder("The " + prefix + plural() + " contained JSON "
                        + "fields which were not defined in the model: [" + name + "]").dittoHeaders(headers).build();
            }
            // a deeper pointer: the value as the part of the property it is (Ditto does the same)
            final JsonValue value = pointer().getLevelCount() == 1 ? value()
                    : JsonObject.newBuilder().set(pointer().getSubPointer(1).orElseThrow(), value())
                            .build();
            final List<String> errors = model.errors(name, value,
                    strict() && pointer().getLevelCount() == 1);
            if (!errors.isEmpty()) {
                throw WotPayloadValidationException.newBuilder("The " + prefix + singular() + " <"
                        + pointer() + "> contained validation errors, check the validation details.")
                        .addValidationDetail(containerPath().append(pointer()), errors)
                        .dittoHeaders(headers).build();
            }
            return;
        }
        if (!value().isObject()) {
            return; // Ditto's model refuses non-object properties and attributes itself
        }
        final JsonObject container = value().asObject();
        if (whole()) {
            final List<String> missing = model.requiredNames().stream().filter(n -> !container.contains(n)).toList();
            if (!missing.isEmpty()) {
                final WotPayloadValidationException.Builder error = WotPayloadValidationException.newBuilder(
                        "Required JSON fields were missing from the " + prefix + plural());
                missing.forEach(n -> error.addValidationDetail(containerPath().addLeaf(JsonKey.of(n)),
                        List.of(prefix + singular() + " <" + n + "> is non optional and must be provided")));
                throw error.dittoHeaders(headers).build();
            }
        }
        if (forbidNonModeled()) {
            final Set<String> extra = new LinkedHashSet<>();
            container.getKeys().forEach(k -> extra.add(k.toString()));
            extra.removeAll(model.propertyNames());
            if (!extra.isEmpty()) {
                throw WotPayloadValidationException.newBuilder("The " + prefix + plural() + " contained JSON "
                        + "fields which were not defined in the model: " + extra).dittoHeaders(headers).build();
            }
        }
        final WotPayloadValidationException.Builder error = WotPayloadValidationException.newBuilder("The " + prefix
                + plural() + " contained validation errors, check the validation details.");
        container.forEach(field -> {
            final List<String> errors = model.errors(field.getKeyName(), field.getValue(), strict());
            if (!errors.isEmpty()) {
                error.addValidationDetail(containerPath().addLeaf(field.getKey()), errors);
            }
        });
        if (error.hasDetails()) {
            throw error.dittoHeaders(headers).build();
        }
    }
}
