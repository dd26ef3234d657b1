package io.twinloop.twin.server.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.eclipse.ditto.base.model.acks.AcknowledgementLabel;
import org.eclipse.ditto.base.model.acks.AcknowledgementRequest;
import org.eclipse.ditto.base.model.acks.DittoAcknowledgementLabel;
import org.eclipse.ditto.base.model.common.HttpStatus;
import org.eclipse.ditto.base.model.exceptions.DittoHeaderInvalidException;
import org.eclipse.ditto.base.model.exceptions.DittoRuntimeException;
import org.eclipse.ditto.base.model.headers.DittoHeaderDefinition;
import org.eclipse.ditto.base.model.headers.DittoHeaders;
import org.eclipse.ditto.base.model.headers.DittoHeadersBuilder;
import org.eclipse.ditto.base.model.json.JsonSchemaVersion;
import org.eclipse.ditto.base.model.signals.acks.Acknowledgement;
import org.eclipse.ditto.base.model.signals.acks.AcknowledgementRequestTimeoutException;
import org.eclipse.ditto.base.model.signals.acks.Acknowledgements;
import org.eclipse.ditto.base.model.signals.commands.exceptions.CommandTimeoutException;
import org.eclipse.ditto.things.model.ThingId;

/**
 * What a twin write asked to be acknowledged ({@code requested-acks}, {@code timeout}, {@code response-required})
 * and the answer Ditto 3.8 gives for it, rendered with Ditto's own {@link Acknowledgements} model. Follows Ditto's
 * gateway: the defaults of {@code ThingModifyCommandAckRequestSetter}, the header checks of
 * {@code AcknowledgementAggregatorActorStarter} and {@code AbstractRoute}, and the outcomes of
 * {@code AcknowledgementAggregatorActor}.
 * <p>
 * {@code twin-persisted} is fulfilled by the write itself (answered after the fsync). Custom labels need a
 * subscriber that acknowledges them, which this server does not have: they always time out, which is what Ditto
 * answers when no subscriber acknowledges.
 */
final class RequestedAcknowledgements {

    /** Ditto's default and maximum {@code timeout} ({@code ditto.gateway.command.max-timeout}). */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    private static final AcknowledgementLabel TWIN_PERSISTED = DittoAcknowledgementLabel.TWIN_PERSISTED;
    private static final String ONLY_TWIN_PERSISTED = "[\"twin-persisted\"]";

    private final Duration timeout;
    private final boolean responseRequired;
    private final Set<AcknowledgementLabel> labels;
    private final DittoHeaders headers;

    private RequestedAcknowledgements(final Duration timeout, final boolean responseRequired,
            final Set<AcknowledgementLabel> labels, final DittoHeaders headers) {
        this.timeout = timeout;
        this.responseRequired = responseRequired;
        this.labels = labels;
        this.headers = headers;
    }

    /**
     * Applies Ditto's defaults and checks the combination.
     *
     * @param write whether the request modifies the twin; reads ignore {@code requested-acks} as in Ditto
     * @throws DittoRuntimeException 400 for a timeout above 60 s, or a zero timeout when a response or
     * acknowledgements are requested; 501 for {@code search-persisted}, which this server does not send yet
     */
    static RequestedAcknowledgements of(final DittoHeaders headers, final boolean write) {
        final Optional<Duration> given = headers.getTimeout();
        if (given.filter(t -> t.compareTo(MAX_TIMEOUT) > 0).isPresent()) {
            throw TwinServerException.timeoutOutOfBounds(given.get().toMillis(), MAX_TIMEOUT.toMillis());
        }
        final boolean zero = given.filter(Duration::isZero).isPresent();
        // Ditto: without the header, a write is answered unless the timeout is zero; a read always is
        final boolean responseRequired = headers.containsKey(DittoHeaderDefinition.RESPONSE_REQUIRED.getKey())
                ? headers.isResponseRequired() : !(write && zero);
        final Set<AcknowledgementLabel> labels = new LinkedHashSet<>();
        final String requested = headers.get(DittoHeaderDefinition.REQUESTED_ACKS.getKey());
        if (ONLY_TWIN_PERSISTED.equals(requested)) {
            // what nearly every write asks for, as Ditto's header builder writes it: spares parsing it again
            labels.add(TWIN_PERSISTED);
        } else if (requested != null) {
            for (final AcknowledgementRequest request : headers.getAcknowledgementRequests()) {
                labels.add(request.getLabel());
            }
            // Ditto drops live-response from twin commands
            labels.remove(DittoAcknowledgementLabel.LIVE_RESPONSE);
        } else if (write && responseRequired && !zero) {
            labels.add(TWIN_PERSISTED);
        }
        if (zero && (responseRequired || !labels.isEmpty())) {
            throw DittoHeaderInvalidException.newBuilder()
                    .withInvalidHeaderKey(DittoHeaderDefinition.TIMEOUT.getKey())
                    .message("The value of the header 'timeout' must not be zero if response or acknowledgements"
                            + " are requested.")
                    .description("Please provide a positive timeout.")
                    .build();
        }
        if (write && labels.contains(DittoAcknowledgementLabel.SEARCH_PERSISTED)) {
            throw TwinServerException.notImplemented("The acknowledgement 'search-persisted'");
        }
        return new RequestedAcknowledgements(given.filter(t -> !t.isZero()).orElse(MAX_TIMEOUT), responseRequired,
                labels, headers);
    }

    /**
     * The answer to a write, given its outcome: without custom labels the write's own response (202 without body
     * when no response is required, 408 {@code command.timeout} when it is not persisted in time); with custom
     * labels, at the timeout, Ditto's aggregated acknowledgements (424, or 408 for a custom label alone). A failed
     * write is answered with its error at once, as Ditto stops waiting for acknowledgements on an error.
     */
    CompletionStage<ApiResponse> answer(final ThingId thingId, final CompletableFuture<ApiResponse> write) {
        final long millis = timeout.toMillis();
        if (labels.isEmpty() && !responseRequired) {
            // fire and forget; the write is still awaited, so that a following request sees it as in Ditto
            return write.orTimeout(millis, TimeUnit.MILLISECONDS).handle((r, e) -> ApiResponse.accepted());
        }
        final CompletableFuture<Optional<ApiResponse>> persisted = write.thenApply(Optional::of)
                .completeOnTimeout(Optional.empty(), millis, TimeUnit.MILLISECONDS);
        if (labels.isEmpty() || Set.of(TWIN_PERSISTED).equals(labels)) {
            return persisted.thenApply(r -> r.map(this::respond).orElseThrow(
                    () -> CommandTimeoutException.newBuilder(timeout).dittoHeaders(correlated().build()).build()));
        }
        // the custom labels expire with the request's timeout, like the timer of Ditto's acknowledgement aggregator
        final CompletableFuture<Void> expiry = new CompletableFuture<Void>().completeOnTimeout(null, millis,
                TimeUnit.MILLISECONDS);
        return persisted.thenCompose(r -> expiry.thenApply(x -> aggregated(thingId, r)));
    }

    private ApiResponse respond(final ApiResponse response) {
        return responseRequired ? response : ApiResponse.accepted();
    }

    /** Ditto's answer once the custom labels have timed out: a twin-persisted ack if requested, and a timeout each. */
    private ApiResponse aggregated(final ThingId thingId, final Optional<ApiResponse> persisted) {
        final List<Acknowledgement> acks = new ArrayList<>();
        for (final AcknowledgementLabel label : labels) {
            final Acknowledgement ack = TWIN_PERSISTED.equals(label) && persisted.isPresent()
                    ? twinPersisted(thingId, persisted.get())
                    : timedOut(thingId, label);
            // without a required response Ditto keeps only the statuses
            acks.add(responseRequired ? ack
                    : Acknowledgement.of(label, thingId, ack.getHttpStatus(), DittoHeaders.empty()));
        }
        final Acknowledgements all = Acknowledgements.of(acks, DittoHeaders.empty());
        final ApiResponse response = new ApiResponse(all.getHttpStatus().getCode(),
                all.getEntity(JsonSchemaVersion.V_2), Optional.empty(), Optional.empty());
        return all.getHttpStatus().isSuccess() ? respond(response) : response;
    }

    private Acknowledgement twinPersisted(final ThingId thingId, final ApiResponse response) {
        final DittoHeadersBuilder<?, ?> ackHeaders = correlated();
        response.eTag().ifPresent(ackHeaders::eTag);
        response.location().ifPresent(l -> ackHeaders.putHeader("location", l));
        return Acknowledgement.of(TWIN_PERSISTED, thingId,
                HttpStatus.tryGetInstance(response.status()).orElse(HttpStatus.OK), ackHeaders.build(),
                response.body().orElse(null));
    }

    private Acknowledgement timedOut(final ThingId thingId, final AcknowledgementLabel label) {
        final DittoRuntimeException e = AcknowledgementRequestTimeoutException.newBuilder(timeout)
                .dittoHeaders(correlated().build()).build();
        return Acknowledgement.of(label, thingId, e.getHttpStatus(), e.getDittoHeaders(), e.toJson());
    }

    private DittoHeadersBuilder<?, ?> correlated() {
        final DittoHeadersBuilder<?, ?> builder = DittoHeaders.newBuilder();
        headers.getCorrelationId().ifPresent(builder::correlationId);
        return builder;
    }
}
