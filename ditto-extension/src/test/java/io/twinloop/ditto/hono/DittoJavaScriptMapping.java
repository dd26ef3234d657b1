package io.twinloop.ditto.hono;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.protocol.JsonifiableAdaptable;
import org.eclipse.ditto.protocol.ProtocolFactory;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.NativeJSON;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.json.JsonParser;
import org.mozilla.javascript.typedarrays.NativeArrayBuffer;

/**
 * Runs payload mapping scripts the way Eclipse Ditto's JavaScript mapping engine does, as its documentation
 * describes it (Ditto 3.8, https://eclipse.dev/ditto/connectivity-mapping.html): Rhino with ES6
 * ({@code Context.VERSION_ES6}, which Ditto enables), interpreted, sandboxed (safe standard objects: no Java
 * classes, no {@code print}/{@code exit}), a limited call stack depth and execution time, one scope in which the
 * {@code Ditto} helper object and the default wrapper functions are defined first and then the incoming and the
 * outgoing script are evaluated. Incoming: {@code mapToDittoProtocolMsgWrapper(externalMsg)} with
 * {@code headers}, {@code textPayload}, {@code bytePayload} (an ArrayBuffer) and {@code contentType}; the result (one
 * message, an array, or null) becomes Ditto Protocol through Ditto's own {@link ProtocolFactory}, so a message Ditto
 * would not accept fails here too. Outgoing: {@code mapFromDittoProtocolMsgWrapper(dittoProtocolMsg)}.
 *
 * <p>The helper object is TwinLoop's implementation of the documented contract ({@code ditto-mapping-api.js}), not
 * Ditto's code. Test code only: Rhino must not reach the extension jar.
 */
public final class DittoJavaScriptMapping {

    /** The stricter of the documented default (10) and Ditto 3.8's configured default (25). */
    public static final int MAX_STACK_DEPTH = 10;
    /** Ditto's default {@code maxScriptExecutionTime}. */
    public static final Duration MAX_EXECUTION_TIME = Duration.ofMillis(500);

    /** One message as Ditto's connectivity hands it to and takes it from a mapping script. */
    public record ExternalMessage(Map<String, String> headers, Optional<String> textPayload,
            Optional<byte[]> bytePayload, Optional<String> contentType) {

        public ExternalMessage {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(textPayload, "textPayload");
            Objects.requireNonNull(bytePayload, "bytePayload");
            Objects.requireNonNull(contentType, "contentType");
        }

        /** A message as Ditto's Kafka consumer makes it: the payload both as text (UTF-8) and as bytes. */
        public static ExternalMessage fromKafka(final Map<String, String> headers, final byte[] payload) {
            final Optional<String> contentType = headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase("content-type")).map(Map.Entry::getValue).findFirst();
            return new ExternalMessage(headers, Optional.of(new String(payload, StandardCharsets.UTF_8)),
                    Optional.of(payload.clone()), contentType);
        }
    }

    private final ContextFactory contexts = new SandboxContexts();
    private final Scriptable scope;

    private DittoJavaScriptMapping(final String incomingScript, final String outgoingScript) {
        scope = (Scriptable) contexts.call(cx -> {
            final ScriptableObject s = cx.initSafeStandardObjects();
            cx.evaluateString(s, resource("ditto-mapping-api.js"), "ditto-mapping-api.js", 1, null);
            cx.evaluateString(s, incomingScript, "incomingScript", 1, null);
            cx.evaluateString(s, outgoingScript, "outgoingScript", 1, null);
            return s;
        });
    }

    public static DittoJavaScriptMapping of(final String incomingScript, final String outgoingScript) {
        return new DittoJavaScriptMapping(incomingScript, outgoingScript);
    }

    public static DittoJavaScriptMapping of(final HonoConnectionDefinition definition) {
        return of(definition.incomingScript(), definition.outgoingScript());
    }

    /** The Ditto Protocol messages (read by Ditto's protocol factory) the incoming script makes of one message. */
    public List<JsonifiableAdaptable> incoming(final ExternalMessage message) {
        final Object result = contexts.call(cx -> {
            final Scriptable external = cx.newObject(scope);
            final Scriptable headers = cx.newObject(scope);
            message.headers().forEach((k, v) -> ScriptableObject.putProperty(headers, k, v));
            ScriptableObject.putProperty(external, "headers", headers);
            ScriptableObject.putProperty(external, "textPayload", message.textPayload().orElse(null));
            ScriptableObject.putProperty(external, "bytePayload", message.bytePayload()
                    .map(bytes -> arrayBuffer(cx, bytes)).orElse(null));
            ScriptableObject.putProperty(external, "contentType", message.contentType().orElse(null));
            return call(cx, "mapToDittoProtocolMsgWrapper", external);
        });
        final List<JsonifiableAdaptable> messages = new ArrayList<>();
        for (final Object element : elements(result)) {
            final String json = (String) contexts.call(cx -> NativeJSON.stringify(cx, scope, element, null, null));
            messages.add(ProtocolFactory.jsonifiableAdaptableFromJson(JsonFactory.newObject(json)));
        }
        return messages;
    }

    /** The external messages the outgoing script makes of one Ditto Protocol message. */
    public List<ExternalMessage> outgoing(final JsonObject dittoProtocolMessage) {
        final Object result = contexts.call(cx -> {
            try {
                return call(cx, "mapFromDittoProtocolMsgWrapper",
                        new JsonParser(cx, scope).parseValue(dittoProtocolMessage.toString()));
            } catch (final JsonParser.ParseException e) {
                throw new IllegalArgumentException("not JSON: " + dittoProtocolMessage, e);
            }
        });
        final List<ExternalMessage> messages = new ArrayList<>();
        for (final Object element : elements(result)) {
            final Scriptable msg = (Scriptable) element;
            final Map<String, String> headers = new LinkedHashMap<>();
            final Object h = ScriptableObject.getProperty(msg, "headers");
            if (h instanceof Scriptable hs) {
                for (final Object id : hs.getIds()) {
                    headers.put(String.valueOf(id), Context.toString(ScriptableObject.getProperty(hs,
                            String.valueOf(id))));
                }
            }
            final Object bytes = ScriptableObject.getProperty(msg, "bytePayload");
            messages.add(new ExternalMessage(headers, text(ScriptableObject.getProperty(msg, "textPayload")),
                    bytes instanceof NativeArrayBuffer buffer ? Optional.of(buffer.getBuffer().clone())
                            : Optional.empty(),
                    text(ScriptableObject.getProperty(msg, "contentType"))));
        }
        return messages;
    }

    private Object call(final Context cx, final String function, final Object argument) {
        final Object f = ScriptableObject.getProperty(scope, function);
        if (!(f instanceof Function fn)) {
            throw new IllegalStateException("the mapping scripts define no function " + function);
        }
        return fn.call(cx, scope, scope, new Object[]{argument});
    }

    private Scriptable arrayBuffer(final Context cx, final byte[] bytes) {
        final NativeArrayBuffer buffer = (NativeArrayBuffer) cx.newObject(scope, "ArrayBuffer",
                new Object[]{bytes.length});
        System.arraycopy(bytes, 0, buffer.getBuffer(), 0, bytes.length);
        return buffer;
    }

    /** Documented results: null (dropped), one message, or an array of messages. */
    private static List<Object> elements(final Object result) {
        if (result == null || Undefined.isUndefined(result)) {
            return List.of();
        }
        if (result instanceof NativeArray array) {
            final List<Object> elements = new ArrayList<>();
            for (int i = 0; i < array.getLength(); i++) {
                elements.add(array.get(i));
            }
            return elements;
        }
        return List.of(result);
    }

    private static Optional<String> text(final Object value) {
        return value == null || Undefined.isUndefined(value) ? Optional.empty()
                : Optional.of(Context.toString(value));
    }

    private static String resource(final String name) {
        try (InputStream in = DittoJavaScriptMapping.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Contexts configured as Ditto's sandbox: ES6, interpreted, stack depth and execution time limited. */
    private static final class SandboxContexts extends ContextFactory {

        private static final class TimedContext extends Context {

            private long started;

            TimedContext(final ContextFactory factory) {
                super(factory);
            }
        }

        @Override
        protected Context makeContext() {
            final TimedContext cx = new TimedContext(this);
            cx.setLanguageVersion(Context.VERSION_ES6);
            cx.setOptimizationLevel(-1); // interpreted: needed for the stack depth limit and instruction counting
            cx.setMaximumInterpreterStackDepth(MAX_STACK_DEPTH);
            cx.setInstructionObserverThreshold(10_000);
            return cx;
        }

        @Override
        protected void observeInstructionCount(final Context cx, final int instructionCount) {
            if (System.currentTimeMillis() - ((TimedContext) cx).started > MAX_EXECUTION_TIME.toMillis()) {
                throw new Error("mapping script ran longer than " + MAX_EXECUTION_TIME.toMillis() + " ms");
            }
        }

        @Override
        protected Object doTopCall(final org.mozilla.javascript.Callable callable, final Context cx,
                final Scriptable scope, final Scriptable thisObj, final Object[] args) {
            ((TimedContext) cx).started = System.currentTimeMillis();
            return super.doTopCall(callable, cx, scope, thisObj, args);
        }
    }
}
