package io.twinloop.connectors;

import java.util.List;
import java.util.Objects;

import org.eclipse.ditto.things.model.ThingId;

/**
 * Which twins the OPC UA connector service connects, and how each connector runs. Immutable.
 *
 * @param connector how every connector runs (the OPC UA identity, PKI, intervals, ...); its {@code things} are the
 * twins named explicitly (may be empty when {@code namespaces} are given)
 * @param namespaces connect every twin of these namespaces whose AAS describes an OPC UA interface (AID + AIMC),
 * found with Ditto's search
 * @param followNewTwins also connect twins that appear later (created, or given an AID, in the namespaces or among
 * the named things), seen in the twins' events
 */
public record OpcUaConnectorServiceConfig(OpcUaConnectorConfig connector, List<String> namespaces,
        boolean followNewTwins) {

    public OpcUaConnectorServiceConfig {
        Objects.requireNonNull(connector, "connector");
        namespaces = List.copyOf(namespaces);
        if (connector.things().isEmpty() && namespaces.isEmpty()) {
            throw new IllegalArgumentException("OPC UA connector service configuration: no twins selected: name "
                    + "things or namespaces");
        }
        for (final String namespace : namespaces) {
            try {
                ThingId.of(namespace, "x");
            } catch (final RuntimeException e) {
                throw new IllegalArgumentException("OPC UA connector service configuration: '" + namespace
                        + "' is not a Ditto namespace: " + e.getMessage(), e);
            }
        }
    }

    /** Whether a twin is one this service is to connect (named, or in a selected namespace). */
    public boolean selects(final ThingId thingId) {
        return connector.things().contains(thingId) || namespaces.contains(thingId.getNamespace());
    }
}
