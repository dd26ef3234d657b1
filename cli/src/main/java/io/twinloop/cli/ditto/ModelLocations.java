package io.twinloop.cli.ditto;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Checks that every Thing Model URL the things will link answers a GET with 2xx, as Ditto's things service fetches
 * them ({@code Accept: application/tm+json, application/json}, redirects followed, no credentials): a definition
 * Ditto cannot fetch makes every later write to that thing fail with 421 {@code wot:tm.notfound}, so provision
 * refuses to link models that are not served. Checked from where provision runs; Ditto may see another network (the
 * README says how to skip the check then).
 */
public final class ModelLocations {

    private final HttpClient http;
    private final Duration timeout;

    private ModelLocations(final Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public static ModelLocations withTimeout(final Duration timeout) {
        return new ModelLocations(timeout);
    }

    /** One line per URL that does not answer 2xx ({@code URL: answered 404}, {@code URL: not reachable (...)}). */
    public List<String> unanswered(final Collection<URI> urls) {
        final List<CompletableFuture<String>> checks = new ArrayList<>();
        for (final URI url : urls) {
            final HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Accept", "application/tm+json, application/json").GET().build();
            checks.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> failure == null
                            ? (response.statusCode() / 100 == 2 ? null : url + ": answered " + response.statusCode())
                            : url + ": " + describe(failure)));
        }
        final List<String> problems = new ArrayList<>();
        for (final CompletableFuture<String> check : checks) {
            final String problem = check.join();
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    private static String describe(final Throwable failure) {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "no answer within the timeout";
        }
        if (cause instanceof IOException) {
            return "not reachable (" + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage()) + ")";
        }
        return cause.toString();
    }
}
