package io.twinloop.ditto.hono;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.json.JsonPointer;

/**
 * One data point of a device behind Hono, as the asset's AAS declares it (AID property + AIMC relation, read by
 * module connectors' {@code AssetInterfacesReader}): the key in the device's JSON payload, the element of the twin
 * it goes to, and what the AAS says about its values. The payload mapping script gets these as its device table.
 *
 * @param name the AID property's name: the payload key, and the command name for desired values
 * @param featureId the feature of the element's submodel
 * @param property the element's idShort path inside the submodel ({@code features/<featureId>/properties/<property>})
 * @param xsdType the element's XSD value type, which decides the JSON type in the twin ({@code xs:double} → number)
 * @param wotType the AID's WoT {@code type} ({@code number}, {@code integer}, {@code boolean}, {@code string},
 *         {@code array}), which decides whether a desired value may be sent; empty if the AID says none
 * @param itemType for {@code array}: the WoT type of the items, if declared
 * @param bounds the AID's {@code min_max}, if declared
 * @param allowedValues the AID's {@code enum}; empty if any value is allowed
 * @param toDevice whether desired values go to the device (the AIMC relation is {@code bidirectional})
 */
public record HonoDataPoint(String name, String featureId, JsonPointer property, String xsdType,
        Optional<String> wotType, Optional<String> itemType, Optional<Bounds> bounds, List<String> allowedValues,
        boolean toDevice) {

    /** {@code min_max}: values outside are dropped, never written to the twin nor sent to the device. */
    public record Bounds(double min, double max) {

        public Bounds {
            if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
                throw new IllegalArgumentException("min_max must have min <= max, was [" + min + ", " + max + "]");
            }
        }
    }

    public HonoDataPoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(xsdType, "xsdType");
        Objects.requireNonNull(wotType, "wotType");
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(bounds, "bounds");
        allowedValues = List.copyOf(allowedValues);
        if (name.isEmpty() || featureId.isEmpty() || property.isEmpty()) {
            throw new IllegalArgumentException("a data point needs a name, a feature and a property, was " + name
                    + " -> " + featureId + "/properties" + property);
        }
    }
}
