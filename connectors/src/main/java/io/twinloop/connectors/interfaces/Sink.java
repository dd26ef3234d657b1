package io.twinloop.connectors.interfaces;

import java.util.Objects;

import org.eclipse.ditto.json.JsonPointer;

/**
 * Where a data point's values live in the twin: the submodel element the AIMC relation points at, as the thing
 * holds it ({@code features/<featureId>/properties/<property>}, and the same place under {@code desiredProperties}).
 *
 * @param featureId the feature of the element's submodel
 * @param property the element's idShort path inside the submodel
 * @param valueType the element's XSD value type ({@code xs:double}, ...), which decides the JSON type in the twin
 */
public record Sink(String featureId, JsonPointer property, String valueType) {

    public Sink {
        Objects.requireNonNull(featureId, "featureId");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(valueType, "valueType");
    }

    @Override
    public String toString() {
        return featureId + property;
    }
}
