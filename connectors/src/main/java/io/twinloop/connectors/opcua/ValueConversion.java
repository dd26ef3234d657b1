package io.twinloop.connectors.opcua;

import java.util.Optional;
import java.util.Set;

import org.eclipse.ditto.json.JsonValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

import io.twinloop.connectors.northbound.BadDataKind;

/**
 * Values between OPC UA and the twin. Towards the twin the sink element's XSD type decides the JSON type (as
 * aas-mapping's ValueOnly shape does: numbers for numeric types, booleans for {@code xs:boolean}, strings
 * otherwise), and a value that does not fit is refused, not coerced. Towards the device the AID's WoT type decides
 * the OPC UA built-in type, since OPC UA servers check types strictly ({@code Bad_TypeMismatch}).
 */
public final class ValueConversion {

    private static final Set<String> INTEGERS = Set.of("xs:int", "xs:integer", "xs:long", "xs:short", "xs:byte",
            "xs:unsignedInt", "xs:unsignedLong", "xs:unsignedShort", "xs:unsignedByte", "xs:nonNegativeInteger",
            "xs:positiveInteger", "xs:nonPositiveInteger", "xs:negativeInteger");
    private static final Set<String> DECIMALS = Set.of("xs:double", "xs:float", "xs:decimal");

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
        return Converted.bad(BadDataKind.WRONG_TYPE, typeName(value) + " for " + valueType);
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

    /**
     * A desired value as the Variant to write for the AID's WoT {@code type}; empty when the JSON does not fit it
     * (the caller reports that as rejected without writing).
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
