package io.twinloop.twin.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a conformance test: it runs once per target (always the embedded twin server; additionally a real Ditto
 * when {@code DITTO_URL} is set, and Ditto's Docker images where a Docker engine is) and receives a
 * {@link TwinTarget} parameter.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(TwinTargetExtension.class)
public @interface OnEveryTarget {
}
