package io.twinloop.connectors.interfaces;

import java.util.List;
import java.util.Objects;

import org.eclipse.ditto.things.model.ThingId;

/**
 * An OPC UA interface of one asset as its AID and AIMC describe it: the endpoint, its security, and the mapped
 * data points. Read from the twin whenever the connector starts; the connector keeps no other copy.
 *
 * @param thingId the twin
 * @param name the interface's idShort in the AID
 * @param endpoint {@code EndpointMetadata/base}, an {@code opc.tcp://} URL
 */
public record OpcUaInterface(ThingId thingId, String name, String endpoint, EndpointSecurity security,
        List<Mapping> mappings) {

    public OpcUaInterface {
        Objects.requireNonNull(thingId, "thingId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(security, "security");
        mappings = List.copyOf(mappings);
    }
}
