package io.twinloop.twin.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which twin events to receive over Ditto's WebSocket: {@code START-SEND-EVENTS} with optional {@code namespaces},
 * an RQL {@code filter} evaluated by Ditto on the thing after the change, and {@code extraFields} to enrich events.
 * Immutable; start from {@link #all()}.
 */
public final class EventSubscription {

    private static final EventSubscription ALL = new EventSubscription(List.of(), null, null);

    private final List<String> namespaces;
    private final String filter;
    private final String extraFields;

    private EventSubscription(final List<String> namespaces, final String filter, final String extraFields) {
        this.namespaces = List.copyOf(namespaces);
        this.filter = filter;
        this.extraFields = extraFields;
    }

    public static EventSubscription all() {
        return ALL;
    }

    public EventSubscription namespaces(final String... names) {
        return new EventSubscription(List.of(names), filter, extraFields);
    }

    /** An RQL expression such as {@code gt(features/OperationalData/properties/Vibration,4.5)}. */
    public EventSubscription filter(final String rql) {
        return new EventSubscription(namespaces, Objects.requireNonNull(rql, "rql"), extraFields);
    }

    /** Field selector of thing parts to add to each event, e.g. {@code attributes/aas/idShort}. */
    public EventSubscription extraFields(final String selector) {
        return new EventSubscription(namespaces, filter, Objects.requireNonNull(selector, "selector"));
    }

    public List<String> namespaces() {
        return namespaces;
    }

    public Optional<String> filter() {
        return Optional.ofNullable(filter);
    }

    /** The protocol message that starts the subscription. */
    String startMessage() {
        final List<String> parameters = new ArrayList<>();
        if (!namespaces.isEmpty()) {
            parameters.add("namespaces=" + encode(String.join(",", namespaces)));
        }
        if (filter != null) {
            parameters.add("filter=" + encode(filter));
        }
        if (extraFields != null) {
            parameters.add("extraFields=" + encode(extraFields));
        }
        return "START-SEND-EVENTS" + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return startMessage();
    }
}
