package io.twinloop.aas.environment;

import com.fasterxml.jackson.databind.JsonMappingException;

/** The message of the innermost cause: libraries wrap the one line an operator needs several times. */
public final class Causes {

    private Causes() {
    }

    public static String rootMessage(final Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        final String message = t instanceof JsonMappingException mapping ? mapping.getOriginalMessage()
                : t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
