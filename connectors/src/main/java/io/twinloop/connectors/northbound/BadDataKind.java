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
    BAD_STATUS
}
