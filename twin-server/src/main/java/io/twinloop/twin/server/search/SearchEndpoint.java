package io.twinloop.twin.server.search;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.Query;
import org.apache.pekko.stream.Materializer;
import org.eclipse.ditto.base.model.exceptions.UnsupportedMediaTypeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonValue;

import io.twinloop.twin.server.http.ApiResponse;
import io.twinloop.twin.server.http.TwinServerException;

/**
 * {@code /api/2/search/things} and {@code /api/2/search/things/count}, {@code GET} with query parameters or
 * {@code POST} with an {@code application/x-www-form-urlencoded} body, parameters read as Ditto's
 * {@code ThingSearchRoute} reads them: several {@code filter}s are and-ed, {@code namespaces} and {@code option}
 * are comma-separated lists. The count is answered as a plain JSON number.
 */
public final class SearchEndpoint {

    public static final String PATH = "/api/2/search/things";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final long BODY_TIMEOUT_MILLIS = 10_000;

    private final ThingSearch search;
    private final Materializer materializer;

    public SearchEndpoint(final ThingSearch search, final Materializer materializer) {
        this.search = search;
        this.materializer = materializer;
    }

    /** Whether {@code path} is handled here. */
    public static boolean handles(final String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    public CompletionStage<ApiResponse> handle(final HttpRequest request, final DittoHeaders headers) {
        final String path = request.getUri().path();
        final String rest = path.substring(PATH.length());
        final boolean count;
        if (rest.isEmpty() || "/".equals(rest)) {
            count = false;
        } else if ("/count".equals(rest) || "/count/".equals(rest)) {
            count = true;
        } else {
            request.discardEntityBytes(materializer);
            throw TwinServerException.notFound(path);
        }
        final String method = request.method().name();
        if ("GET".equals(method)) {
            request.discardEntityBytes(materializer);
            final Query query = request.getUri().query();
            final Map<String, List<String>> params = new HashMap<>();
            for (final String name : List.of("filter", "namespaces", "fields", "option")) {
                params.put(name, query.getAll(name));
            }
            return CompletableFuture.completedFuture(answer(count, params, headers));
        }
        if (!"POST".equals(method)) {
            request.discardEntityBytes(materializer);
            throw TwinServerException.methodNotAllowed(method, path);
        }
        final var mediaType = request.entity().getContentType().mediaType();
        final String type = mediaType.mainType() + "/" + mediaType.subType();
        if (!FORM.equalsIgnoreCase(type)) {
            request.discardEntityBytes(materializer);
            throw UnsupportedMediaTypeException.withDetailedInformationBuilder(type, Set.of(FORM))
                    .dittoHeaders(headers).build();
        }
        return request.entity().toStrict(BODY_TIMEOUT_MILLIS, materializer)
                .thenApply(strict -> answer(count, form(strict.getData().utf8String()), headers));
    }

    private ApiResponse answer(final boolean count, final Map<String, List<String>> params,
            final DittoHeaders headers) {
        final String filter = ThingSearch.combineFilters(params.getOrDefault("filter", List.of()));
        final Set<String> namespaces = namespaces(params.getOrDefault("namespaces", List.of()));
        if (count) {
            return ApiResponse.ok(JsonValue.of(search.count(filter, namespaces, headers)), Optional.empty());
        }
        final List<String> fields = params.getOrDefault("fields", List.of());
        return ApiResponse.ok(search.query(filter, namespaces, fields.isEmpty() ? null : String.join(",", fields),
                params.getOrDefault("option", List.of()), headers), Optional.empty());
    }

    /** Ditto: absent means all namespaces; present means the non-empty comma-separated entries (maybe none). */
    private static Set<String> namespaces(final List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        return values.stream().flatMap(v -> Arrays.stream(v.split(","))).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    private static Map<String, List<String>> form(final String body) {
        final Map<String, List<String>> params = new HashMap<>();
        for (final String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            final int eq = pair.indexOf('=');
            final String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            final String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(final String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            return s; // a stray '%': taken literally rather than refused
        }
    }
}
