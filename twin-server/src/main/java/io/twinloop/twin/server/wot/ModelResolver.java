package io.twinloop.twin.server.wot;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.wot.model.ThingDefinitionInvalidException;
import org.eclipse.ditto.wot.model.ThingModel;
import org.eclipse.ditto.wot.model.WotThingModelInvalidException;
import org.eclipse.ditto.wot.model.WotThingModelNotAccessibleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches Thing Models by the URL in a definition, as Ditto's things service does ({@code DefaultWotThingModelFetcher}
 * with its HTTP downloader): a GET with {@code Accept: application/tm+json, application/json}, redirects followed;
 * a model that cannot be fetched (connection refused, non-2xx, timeout) is Ditto's
 * {@link WotThingModelNotAccessibleException} ({@code wot:tm.notfound}, 421), one that is no Thing Model Ditto's
 * {@link WotThingModelInvalidException} ({@code wot:tm.invalid}, 400). Fetched models are kept (failures are not,
 * as in Ditto's cache); TwinLoop's models are named by their content, so a changed model has a new URL.
 */
final class ModelResolver {

    private static final Logger LOG = LoggerFactory.getLogger(ModelResolver.class);
    /** Ditto's cache default ({@code ditto.things.wot.cache.maximum-size}). */
    private static final int MAX_MODELS = 1000;

    /** Made at the first fetch: a JDK client loads the default TLS trust store (~0.4 s of CPU at start-up). */
    private volatile HttpClient http;
    private final Duration timeout;
    private final ConcurrentHashMap<String, CompletableFuture<ModelSchemas>> models = new ConcurrentHashMap<>();

    ModelResolver(final Duration timeout) {
        this.timeout = timeout;
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                            .build();
                }
                client = http;
            }
        }
        return client;
    }

    /** The model at {@code url}, from the cache or fetched; fails with Ditto's exceptions (see the class). */
    CompletableFuture<ModelSchemas> resolve(final String url, final DittoHeaders headers) {
        final CompletableFuture<ModelSchemas> known = models.get(url);
        if (known != null && !known.isCompletedExceptionally()) {
            return known;
        }
        if (models.size() >= MAX_MODELS) {
            models.clear(); // rare (a thousand distinct models); the next requests fetch again
        }
        final CompletableFuture<ModelSchemas> loading = models.computeIfAbsent(url, this::fetch);
        loading.whenComplete((model, failure) -> {
            if (failure != null) {
                models.remove(url, loading); // a model that comes up later is fetched again, as in Ditto
            }
        });
        return loading.exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                withHeaders(failure instanceof CompletionException ? failure.getCause() : failure, headers)));
    }

    private CompletableFuture<ModelSchemas> fetch(final String url) {
        final URL parsed;
        final HttpRequest request;
        try {
            parsed = new URL(url);
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Accept", "application/tm+json, application/json").GET().build();
        } catch (final MalformedURLException | IllegalArgumentException e) {
            return CompletableFuture.failedFuture(ThingDefinitionInvalidException.newBuilder(url).build());
        }
        return http().sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null || response.statusCode() / 100 != 2) {
                        LOG.info("WoT Thing Model {} could not be fetched: {}", url, failure != null
                                ? failure.toString() : "status " + response.statusCode());
                        throw WotThingModelNotAccessibleException.newBuilder(parsed).cause(failure).build();
                    }
                    try {
                        final ThingModel model = ThingModel.fromJson(JsonFactory.readFrom(response.body()).asObject());
                        LOG.info("WoT Thing Model {} fetched ({} properties)", url,
                                model.getProperties().map(p -> p.size()).orElse(0));
                        return new ModelSchemas(url, model);
                    } catch (final RuntimeException e) {
                        LOG.info("WoT Thing Model {} is no Thing Model: {}", url, e.toString());
                        throw WotThingModelInvalidException.newBuilder(parsed).cause(e).build();
                    }
                });
    }

    private static Throwable withHeaders(final Throwable failure, final DittoHeaders headers) {
        return failure instanceof DittoRuntimeException dre ? dre.setDittoHeaders(headers) : failure;
    }
}
