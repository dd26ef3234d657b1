package io.twinloop.connectors.reconciliation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.ditto.json.JsonKey;
import org.eclipse.ditto.json.JsonPointer;

import io.twinloop.connectors.interfaces.Mapping;
import io.twinloop.twin.client.EventSubscription;

/**
 * The twin events a connector's {@link DesiredValueFeed} needs: those that set a desired value of a mapped element.
 * The server filters them (an RQL {@code exists} per desired path, evaluated on the changed data as Ditto does), so
 * the connector neither receives nor parses the events of the values it merges itself, which are most of a busy
 * twin's events. Ditto's RQL has no wildcard for feature ids, hence one path per mapped element; names outside a
 * plain character set (which an RQL field might not take verbatim) fall back to all events of the namespaces.
 *
 * @param subscription what to send as {@code START-SEND-EVENTS}
 * @param filtered whether it leaves out events: revision jumps are then expected, only a re-subscription means that
 *        events were missed
 */
public record DesiredValueSubscription(EventSubscription subscription, boolean filtered) {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_\\-.:]+");

    /**
     * @param namespaces the namespaces of the connected twins
     * @param targets the connected device targets; their mappings that write to the device give the paths
     * @return empty if no mapping writes to a device: there is nothing to watch
     */
    public static Optional<DesiredValueSubscription> of(final Set<String> namespaces,
            final Collection<? extends DeviceTarget> targets) {
        final EventSubscription inNamespaces = EventSubscription.all().namespaces(namespaces.toArray(String[]::new));
        final Set<String> paths = new TreeSet<>();
        for (final DeviceTarget target : targets) {
            for (final Mapping mapping : target.mappings()) {
                if (mapping.writesToDevice()) {
                    final JsonPointer path = DesiredValues.desiredPath(mapping);
                    if (!plain(path)) {
                        return Optional.of(new DesiredValueSubscription(inNamespaces, false));
                    }
                    paths.add("exists(" + path.toString().substring(1) + ")");
                }
            }
        }
        if (paths.isEmpty()) {
            return Optional.empty();
        }
        final List<String> terms = List.copyOf(paths);
        return Optional.of(new DesiredValueSubscription(inNamespaces.filter(terms.size() == 1 ? terms.get(0)
                : terms.stream().collect(Collectors.joining(",", "or(", ")"))), true));
    }

    private static boolean plain(final JsonPointer path) {
        for (final JsonKey key : path) {
            if (!PLAIN_KEY.matcher(key).matches()) {
                return false;
            }
        }
        return true;
    }
}
