package io.twinloop.connectors.interfaces;

import java.util.List;

/**
 * What a twin's AID and AIMC say about reaching its asset, by protocol (OPC UA interfaces; devices behind Hono), and
 * what could not be used (each warning names the thing and the element, so an operator can fix the AAS).
 */
public record InterfaceDescriptions(List<OpcUaInterface> interfaces, List<HonoInterface> honoInterfaces,
        List<String> warnings) {

    public InterfaceDescriptions {
        interfaces = List.copyOf(interfaces);
        honoInterfaces = List.copyOf(honoInterfaces);
        warnings = List.copyOf(warnings);
    }
}
