package io.twinloop.connectors.opcua;

import java.lang.reflect.Array;
import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.json.JsonArray;
import org.eclipse.ditto.json.JsonArrayBuilder;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

import io.twinloop.connectors.interfaces.DataPoint;
import io.twinloop.connectors.northbound.BadDataKind;

/**
 * Values between OPC UA and the twin. Towards the twin the sink element's XSD type decides the JSON type (as
 * aas-mapping's ValueOnly shape does: numbers for numeric types, booleans for {@code xs:boolean}, strings
 * otherwise; a DateTime becomes ISO-8601 UTC text), and a value that does not fit is refused, not coerced.
 * One-dimensional arrays become JSON arrays, each element checked the same way. Towards the device the AID's WoT
 * type decides the OPC UA built-in type (an {@code array}'s {@code items/type} its elements'), since OPC UA servers
 * check types strictly ({@code Bad_TypeMismatch}).
 */
public final class ValueConversion {

    private static final Set<String> INTEGERS = Set.of("xs:int", "xs:integer", "xs:long", "xs:short", "xs:byte",
            "xs:unsignedInt", "xs:unsignedLong", "xs:unsignedShort", "xs:unsignedByte", "xs:nonNegativeInteger",
            "xs:positiveInteger", "xs:nonPositiveInteger", "xs:negativeInteger");
    private static final Set<String> DECIMALS = Set.of("xs:double", "xs:float", "xs:decimal");
    /** Where an OPC UA DateTime goes, as ISO-8601 text. */
    private static final Set<String> TIMES = Set.of("xs:dateTime", "xs:string");

    private ValueConversion() {
    }

    /** The result of converting one device value: the JSON value, or why there is none. */
    public record Converted(Optional<JsonValue> value, Optional<BadDataKind> problem, String detail) {

        static Converted ok(final JsonValue value) {
            return new Converted(Optional.of(value), Optional.empty(), "");
        }

        static Converted bad(final BadDataKind kind, final String detail) {
            return new Converted(Optional.empty(), Optional.of(kind), detail);
        }
    }

    /** An OPC UA value (the Java object inside a Variant) as the JSON the twin keeps for {@code valueType}. */
    public static Converted toTwin(final Object value, final String valueType) {
        if (value == null) {
            return Converted.bad(BadDataKind.WRONG_TYPE, "no value (null) for " + valueType);
        }
        if (DECIMALS.contains(valueType) || INTEGERS.contains(valueType)) {
            return number(value, valueType);
        }
        if ("xs:boolean".equals(valueType)) {
            return value instanceof Boolean b ? Converted.ok(JsonValue.of(b))
                    : Converted.bad(BadDataKind.WRONG_TYPE, typeName(value) + " for xs:boolean");
        }
        if (value instanceof String s) {
            return Converted.ok(JsonValue.of(s));
        }
        if (value instanceof DateTime time && TIMES.contains(valueType)) {
            return Converted.ok(JsonValue.of(time.getJavaInstant().toString()));
        }
        return Converted.bad(BadDataKind.WRONG_TYPE, typeName(value) + " for " + valueType);
    }

    /**
     * A one-dimensional OPC UA array as the JSON array the twin keeps for a list whose items are of
     * {@code itemValueType}. One bad element makes the whole value bad (named with its index): a list is never
     * written with holes or with some elements left out.
     */
    public static Converted toTwinArray(final Object value, final String itemValueType) {
        if (value == null || !value.getClass().isArray()) {
            return Converted.bad(BadDataKind.WRONG_TYPE, (value == null ? "no value (null)" : "a single "
                    + typeName(value)) + " where an array of " + itemValueType + " is expected");
        }
        final JsonArrayBuilder array = JsonArray.newBuilder();
        for (int i = 0; i < Array.getLength(value); i++) {
            final Converted element = toTwin(Array.get(value, i), itemValueType);
            if (element.problem().isPresent()) {
                return Converted.bad(element.problem().get(), "element [" + i + "]: " + element.detail());
            }
            array.add(element.value().orElseThrow());
        }
        return Converted.ok(array.build());
    }

    private static Converted number(final Object value, final String valueType) {
        final boolean integral = INTEGERS.contains(valueType);
        if (value instanceof Double || value instanceof Float) {
            final double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Converted.bad(BadDataKind.NOT_A_NUMBER, d + " for " + valueType);
            }
            if (integral && d != Math.rint(d)) {
                return Converted.bad(BadDataKind.WRONG_TYPE, "fractional " + d + " for " + valueType);
            }
            return Converted.ok(integral ? JsonValue.of((long) d) : JsonValue.of(d));
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            final long l = ((Number) value).longValue();
            return Converted.ok(integral ? JsonValue.of(l) : JsonValue.of((double) l));
        }
        if (value instanceof UByte || value instanceof UShort || value instanceof UInteger) {
            return Converted.ok(JsonValue.of(((Number) value).longValue()));
        }
        if (value instanceof ULong u) {
            return Converted.ok(JsonValue.of(u.toBigInteger().doubleValue()));
        }
        return Converted.bad(BadDataKind.WRONG_TYPE, typeName(value) + " for " + valueType);
    }

    /** A desired value as the Variant to write, or why it cannot be written as the AID declares. */
    public record DeviceValue(Optional<Variant> variant, String problem) {

        static DeviceValue ok(final Object value) {
            return new DeviceValue(Optional.of(new Variant(value)), "");
        }

        static DeviceValue refused(final String problem) {
            return new DeviceValue(Optional.empty(), problem);
        }
    }

    /**
     * A desired value as the Variant to write for the data point's WoT {@code type}: a scalar of that type, or for
     * {@code array} a one-dimensional array of its {@code items/type} (String[], Double[], Long[] or Boolean[]).
     */
    public static DeviceValue forDevice(final JsonValue value, final DataPoint point) {
        if (!point.isArray()) {
            return toDevice(value, point.type()).map(v -> new DeviceValue(Optional.of(v), ""))
                    .orElseGet(() -> DeviceValue.refused("it is not a " + point.typeDescription()));
        }
        if (!value.isArray()) {
            return DeviceValue.refused("it is not an array");
        }
        final JsonArray elements = value.asArray();
        final String itemType = point.itemType().orElseGet(() -> elements.isEmpty() ? "string"
                : guess(elements.get(0).orElseThrow()));
        final Class<?> javaType = switch (itemType) {
            case "number" -> Double.class;
            case "integer" -> Long.class;
            case "boolean" -> Boolean.class;
            case "string" -> String.class;
            default -> null;
        };
        if (javaType == null) {
            return DeviceValue.refused("arrays of " + itemType + " cannot be written");
        }
        final Object array = Array.newInstance(javaType, elements.getSize());
        for (int i = 0; i < elements.getSize(); i++) {
            final JsonValue element = elements.get(i).orElseThrow();
            final Optional<Variant> converted = toDevice(element, Optional.of(itemType));
            if (converted.isEmpty()) {
                return DeviceValue.refused("element [" + i + "] is " + element + ", not a " + itemType);
            }
            Array.set(array, i, converted.get().getValue());
        }
        return DeviceValue.ok(array);
    }

    /**
     * A single desired value as the Variant to write for the AID's WoT {@code type}; empty when the JSON does not
     * fit it.
     */
    public static Optional<Variant> toDevice(final JsonValue value, final Optional<String> wotType) {
        final String type = wotType.orElseGet(() -> guess(value));
        switch (type) {
            case "number":
                return value.isNumber() ? Optional.of(new Variant(value.asDouble())) : Optional.empty();
            case "integer":
                return value.isNumber() && value.asDouble() == Math.rint(value.asDouble())
                        ? Optional.of(new Variant(value.asLong())) : Optional.empty();
            case "boolean":
                return value.isBoolean() ? Optional.of(new Variant(value.asBoolean())) : Optional.empty();
            case "string":
                return value.isString() ? Optional.of(new Variant(value.asString())) : Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private static String guess(final JsonValue value) {
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.isNumber() ? "number" : value.isString() ? "string" : "object";
    }

    private static String typeName(final Object value) {
        return value.getClass().isArray() ? value.getClass().getComponentType().getSimpleName() + "[]"
                : value.getClass().getSimpleName();
    }
}
