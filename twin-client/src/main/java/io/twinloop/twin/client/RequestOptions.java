package io.twinloop.twin.client;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Immutable per-request options of Ditto's HTTP API: conditional headers, RQL {@code condition}, {@code fields}
 * selection, acknowledgements, timeout and extra Ditto headers. Every {@code withXxx}-style method returns a copy:
 * <pre>{@code RequestOptions.none().ifMatchRevision(7).requestedAcks("twin-persisted").timeout(Duration.ofSeconds(10))}</pre>
 * How each option travels follows Ditto's documentation: {@code condition} and {@code fields} as query parameters,
 * everything else as headers.
 */
public final class RequestOptions {

    private static final RequestOptions NONE =
            new RequestOptions(null, null, null, null, null, null, null, Map.of());

    private final String ifMatch;
    private final String ifNoneMatch;
    private final String condition;
    private final String fields;
    private final List<String> requestedAcks; // null = not sent; empty = sent empty (explicitly no acks)
    private final Duration timeout;
    private final Boolean responseRequired;
    private final Map<String, String> headers;

    private RequestOptions(final String ifMatch, final String ifNoneMatch, final String condition, final String fields,
            final List<String> requestedAcks, final Duration timeout, final Boolean responseRequired,
            final Map<String, String> headers) {
        this.ifMatch = ifMatch;
        this.ifNoneMatch = ifNoneMatch;
        this.condition = condition;
        this.fields = fields;
        this.requestedAcks = requestedAcks;
        this.timeout = timeout;
        this.responseRequired = responseRequired;
        this.headers = headers;
    }

    /** No options: Ditto's defaults apply. */
    public static RequestOptions none() {
        return NONE;
    }

    /**
     * {@code If-Match: "rev:N"}: apply only if the thing is still at revision N (optimistic locking, else 412).
     * Only meaningful on the thing itself ({@link TwinPath#thing}): Ditto gives sub-resources {@code "hash:..."}
     * tags, so against e.g. a property this always fails; lock a part of the thing with a merge on the root.
     */
    public RequestOptions ifMatchRevision(final long revision) {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must be >= 0: " + revision);
        }
        return ifMatch("\"rev:" + revision + "\"");
    }

    /** {@code If-Match} with an entity tag exactly as Ditto sent it in {@code ETag} (quotes included), or {@code *}. */
    public RequestOptions ifMatch(final String entityTag) {
        return new RequestOptions(requireText(entityTag, "entityTag"), ifNoneMatch, condition, fields, requestedAcks,
                timeout, responseRequired, headers);
    }

    /** {@code If-Match: *}: apply only if the resource exists. */
    public RequestOptions ifMatchAny() {
        return ifMatch("*");
    }

    /** {@code If-None-Match} with an entity tag; a read then answers 304 and a write 412 when it matches. */
    public RequestOptions ifNoneMatch(final String entityTag) {
        return new RequestOptions(ifMatch, requireText(entityTag, "entityTag"), condition, fields, requestedAcks,
                timeout, responseRequired, headers);
    }

    /** {@code If-None-Match: *}: apply only if the resource does not exist yet (create-only). */
    public RequestOptions ifNoneMatchAny() {
        return ifNoneMatch("*");
    }

    /** RQL condition on the current twin state (query parameter {@code condition}), e.g. {@code ne(attributes/x,42)}. */
    public RequestOptions condition(final String rql) {
        return new RequestOptions(ifMatch, ifNoneMatch, requireText(rql, "rql"), fields, requestedAcks, timeout,
                responseRequired, headers);
    }

    /** Field selector (query parameter {@code fields}), e.g. {@code attributes/manufacturer,features/lamp}. */
    public RequestOptions fields(final String fieldSelector) {
        return new RequestOptions(ifMatch, ifNoneMatch, condition, requireText(fieldSelector, "fieldSelector"),
                requestedAcks, timeout, responseRequired, headers);
    }

    /** Header {@code requested-acks}, e.g. {@code twin-persisted}; no labels sends an explicitly empty list. */
    public RequestOptions requestedAcks(final String... labels) {
        final List<String> copy = new ArrayList<>(labels.length);
        for (final String label : labels) {
            copy.add(requireText(label, "ack label"));
        }
        return new RequestOptions(ifMatch, ifNoneMatch, condition, fields, Collections.unmodifiableList(copy), timeout,
                responseRequired, headers);
    }

    /** Header {@code timeout} (how long Ditto waits for the response and acks; Ditto's maximum is 60 s). */
    public RequestOptions timeout(final Duration dittoTimeout) {
        Objects.requireNonNull(dittoTimeout, "dittoTimeout");
        if (dittoTimeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + dittoTimeout);
        }
        return new RequestOptions(ifMatch, ifNoneMatch, condition, fields, requestedAcks, dittoTimeout,
                responseRequired, headers);
    }

    /** Header {@code response-required}; {@code false} makes Ditto answer {@code 202 Accepted} without a body. */
    public RequestOptions responseRequired(final boolean required) {
        return new RequestOptions(ifMatch, ifNoneMatch, condition, fields, requestedAcks, timeout, required, headers);
    }

    /** Header {@code correlation-id}, echoed by Ditto and visible in its logs. */
    public RequestOptions correlationId(final String correlationId) {
        return header("correlation-id", correlationId);
    }

    /** Any other Ditto header (e.g. {@code if-equal: skip}). Values are never logged. */
    public RequestOptions header(final String name, final String value) {
        final Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(requireText(name, "name"), Objects.requireNonNull(value, "value"));
        return new RequestOptions(ifMatch, ifNoneMatch, condition, fields, requestedAcks, timeout, responseRequired,
                Collections.unmodifiableMap(copy));
    }

    public Optional<String> ifMatch() { return Optional.ofNullable(ifMatch); }

    public Optional<String> ifNoneMatch() { return Optional.ofNullable(ifNoneMatch); }

    public Optional<String> condition() { return Optional.ofNullable(condition); }

    public Optional<String> fields() { return Optional.ofNullable(fields); }

    public Optional<List<String>> requestedAcks() { return Optional.ofNullable(requestedAcks); }

    public Optional<Duration> timeout() { return Optional.ofNullable(timeout); }

    public Optional<Boolean> responseRequired() { return Optional.ofNullable(responseRequired); }

    public Map<String, String> headers() { return headers; }

    /** Renders Ditto's duration syntax: {@code 10s}, or {@code 250ms} when not a whole number of seconds. */
    static String dittoDuration(final Duration duration) {
        final long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
    }

    /** The query string (without '?'), empty when there is nothing to send. */
    String queryString() {
        final StringJoiner query = new StringJoiner("&");
        if (condition != null) {
            query.add("condition=" + PercentEncoding.queryValue(condition));
        }
        if (fields != null) {
            query.add("fields=" + PercentEncoding.queryValue(fields));
        }
        return query.toString();
    }

    void applyHeaders(final HttpRequest.Builder request) {
        dittoHeaders().forEach(request::header);
    }

    /**
     * The options that travel as Ditto headers, with Ditto's (lower-case) names: HTTP sends them as request headers,
     * the Ditto Protocol in the envelope's {@code headers}.
     */
    Map<String, String> dittoHeaders() {
        final Map<String, String> result = new LinkedHashMap<>();
        if (ifMatch != null) {
            result.put("if-match", ifMatch);
        }
        if (ifNoneMatch != null) {
            result.put("if-none-match", ifNoneMatch);
        }
        if (requestedAcks != null) {
            result.put("requested-acks", String.join(",", requestedAcks));
        }
        if (timeout != null) {
            result.put("timeout", dittoDuration(timeout));
        }
        if (responseRequired != null) {
            result.put("response-required", responseRequired.toString());
        }
        result.putAll(headers);
        return result;
    }

    private static String requireText(final String value, final String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof RequestOptions other && Objects.equals(ifMatch, other.ifMatch)
                && Objects.equals(ifNoneMatch, other.ifNoneMatch) && Objects.equals(condition, other.condition)
                && Objects.equals(fields, other.fields) && Objects.equals(requestedAcks, other.requestedAcks)
                && Objects.equals(timeout, other.timeout) && Objects.equals(responseRequired, other.responseRequired)
                && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ifMatch, ifNoneMatch, condition, fields, requestedAcks, timeout, responseRequired, headers);
    }

    /** Lists the options for debug logs; values of extra headers are left out on purpose. */
    @Override
    public String toString() {
        final StringJoiner s = new StringJoiner(", ", "RequestOptions[", "]");
        if (ifMatch != null) s.add("If-Match=" + ifMatch);
        if (ifNoneMatch != null) s.add("If-None-Match=" + ifNoneMatch);
        if (condition != null) s.add("condition=" + condition);
        if (fields != null) s.add("fields=" + fields);
        if (requestedAcks != null) s.add("requested-acks=" + requestedAcks);
        if (timeout != null) s.add("timeout=" + dittoDuration(timeout));
        if (responseRequired != null) s.add("response-required=" + responseRequired);
        if (!headers.isEmpty()) s.add("headers=" + headers.keySet());
        return s.toString();
    }
}
