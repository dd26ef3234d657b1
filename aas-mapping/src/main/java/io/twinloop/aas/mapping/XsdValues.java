package io.twinloop.aas.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Between the lexical form of an XSD-typed AAS value ({@code "007"}, {@code "1.0E3"}) and the plain JSON value
 * an integrator reads and writes in Ditto ({@code 7}, {@code 1000}). A lexical form that cannot become a JSON
 * number or boolean without changing its value (NaN, INF, integers beyond 64 bits, invalid placeholders such as
 * an empty string) stays a JSON string. Whether a lexical form survives the way back unchanged is decided by
 * {@link #needsLexicalHint}; the mapping keeps the original form where it does not.
 */
final class XsdValues {

    private static final Set<String> INTEGER_TYPES = Set.of("xs:integer", "xs:int", "xs:long", "xs:short",
            "xs:byte", "xs:nonNegativeInteger", "xs:positiveInteger", "xs:nonPositiveInteger", "xs:negativeInteger",
            "xs:unsignedLong", "xs:unsignedInt", "xs:unsignedShort", "xs:unsignedByte");
    private static final Set<String> DECIMAL_TYPES = Set.of("xs:decimal", "xs:double", "xs:float");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private XsdValues() {
    }

    /** The JSON value of a lexical form of the given XSD type (never null). */
    static JsonNode toJson(final String lexical, final String valueType) {
        if ("xs:boolean".equals(valueType)) {
            return switch (lexical) {
                case "true", "1" -> BooleanNode.TRUE;
                case "false", "0" -> BooleanNode.FALSE;
                default -> TextNode.valueOf(lexical);
            };
        }
        if (INTEGER_TYPES.contains(valueType) && INTEGER.matcher(lexical).matches()) {
            final BigInteger integer = new BigInteger(lexical);
            return integer.bitLength() < 64 ? LongNode.valueOf(integer.longValue()) : TextNode.valueOf(lexical);
        }
        if (DECIMAL_TYPES.contains(valueType) && DECIMAL.matcher(lexical).matches()) {
            return decimalToJson(new BigDecimal(lexical), lexical);
        }
        return TextNode.valueOf(lexical);
    }

    /**
     * The lexical form of a JSON value for the given XSD type, or null for JSON null.
     *
     * @throws IllegalArgumentException with a description when the value cannot be of that type
     */
    static String toLexical(final JsonNode value, final String valueType) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return checkedText(value.textValue(), valueType);
        }
        if (value.isBoolean()) {
            if (INTEGER_TYPES.contains(valueType) || DECIMAL_TYPES.contains(valueType)) {
                throw new IllegalArgumentException("a boolean is not a valid " + valueType);
            }
            return Boolean.toString(value.booleanValue());
        }
        if (value.isNumber()) {
            return numberToLexical(value, valueType);
        }
        throw new IllegalArgumentException("expected a single " + (valueType == null ? "value" : valueType)
                + " value, found a JSON " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** True when the lexical form would not come back unchanged from its JSON value. */
    static boolean needsLexicalHint(final String lexical, final String valueType) {
        try {
            return !lexical.equals(toLexical(toJson(lexical, valueType), valueType));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** Equality of JSON values as values: numbers by magnitude (7 equals 7.0), everything else exactly. */
    static boolean sameValue(final JsonNode a, final JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** A text value is taken as the lexical form itself, if it is one of the declared type. */
    private static String checkedText(final String text, final String valueType) {
        final boolean valid;
        if ("xs:boolean".equals(valueType)) {
            valid = Set.of("true", "false", "1", "0").contains(text);
        } else if (INTEGER_TYPES.contains(valueType)) {
            valid = INTEGER.matcher(text).matches();
        } else if ("xs:decimal".equals(valueType)) {
            valid = DECIMAL.matcher(text).matches() && !text.contains("e") && !text.contains("E");
        } else if (DECIMAL_TYPES.contains(valueType)) {
            valid = DECIMAL.matcher(text).matches() || Set.of("NaN", "INF", "-INF", "+INF").contains(text);
        } else {
            valid = true;
        }
        if (!valid) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid " + valueType);
        }
        return text;
    }

    private static JsonNode decimalToJson(final BigDecimal number, final String lexical) {
        if (isIntegral(number) && number.compareTo(LONG_MIN) >= 0 && number.compareTo(LONG_MAX) <= 0) {
            return LongNode.valueOf(number.longValueExact());
        }
        final double asDouble = number.doubleValue();
        return Double.isFinite(asDouble) ? DoubleNode.valueOf(asDouble) : TextNode.valueOf(lexical);
    }

    private static String numberToLexical(final JsonNode value, final String valueType) {
        final BigDecimal number = value.decimalValue();
        if (INTEGER_TYPES.contains(valueType)) {
            if (!isIntegral(number)) {
                throw new IllegalArgumentException(value + " is not a valid " + valueType + " (not a whole number)");
            }
            return number.toBigIntegerExact().toString();
        }
        if ("xs:boolean".equals(valueType)) {
            if (number.compareTo(BigDecimal.ZERO) == 0 || number.compareTo(BigDecimal.ONE) == 0) {
                return number.toBigIntegerExact().toString();
            }
            throw new IllegalArgumentException(value + " is not a valid xs:boolean");
        }
        if (value.isIntegralNumber() || isIntegral(number) && number.abs().compareTo(LONG_MAX) <= 0) {
            return number.toBigIntegerExact().toString();
        }
        return "xs:decimal".equals(valueType) ? number.toPlainString() : Double.toString(value.doubleValue());
    }

    private static boolean isIntegral(final BigDecimal number) {
        return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }
}
