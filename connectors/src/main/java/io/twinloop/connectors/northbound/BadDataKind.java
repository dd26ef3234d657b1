package io.twinloop.connectors.northbound;

/** Why a value from a device was not written into the twin. */
public enum BadDataKind {

    /** The value's type is not the sink element's (a text where the AAS has {@code xs:double}). */
    WRONG_TYPE,

    /** NaN or an infinity where a number is expected: valid JSON has no such number, and no sensor means it. */
    NOT_A_NUMBER,

    /** The node the AID names does not exist on the server (or its namespace is unknown there). */
    UNKNOWN_NODE,

    /** The server marked the value itself as bad (a status code of severity Bad). */
    BAD_STATUS,

    /** A number outside the AID property's {@code min_max} (checked for devices behind Hono). */
    OUT_OF_RANGE,

    /** A payload key that is no mapped AID property of the device's interface. */
    UNKNOWN_DATA_POINT,

    /** A message from a Hono device that no configured twin names in its {@code specificAssetIds}. */
    UNKNOWN_DEVICE,

    /** A payload that is not a JSON object (or not {@code application/json}), so no value can be read from it. */
    MALFORMED_PAYLOAD,

    /**
     * The arrays that make up one list (one per field of its items) disagree in length within one sample, or carry
     * no source timestamp, so it cannot be told which belong together: the list is not written.
     */
    INCONSISTENT_ARRAYS
}
