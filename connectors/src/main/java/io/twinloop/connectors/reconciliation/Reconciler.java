package io.twinloop.connectors.reconciliation;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.ditto.json.JsonFactory;
import org.eclipse.ditto.json.JsonObject;
import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.connectors.interfaces.DataPoint;
import io.twinloop.connectors.interfaces.Mapping;
import io.twinloop.connectors.opcua.ValueConversion;
import io.twinloop.connectors.retry.Backoff;
import io.twinloop.connectors.retry.TwinRetry;
import io.twinloop.twin.client.DittoClient;
import io.twinloop.twin.client.RequestOptions;
import io.twinloop.twin.client.TwinPath;

/**
 * Brings machines to the twin's desired values and says how it went. Each desired value is checked against what
 * the AAS declares (type, {@code min_max}, {@code enum}), written to its device ({@link DeviceTarget}: an OPC UA node,
 * a Hono command), and answered in the twin with a
 * {@link ReconciliationReport}. A value is handled once per revision: the last revision handled per element is
 * remembered (and recovered from the reports in the twin at start-up), so replayed events never write twice.
 * Writes for one element happen in revision order. A report the twin does not take because it is away is written
 * again with backoff until it does (the element's next desired value waits meanwhile); and a twin re-read after an
 * event gap does not re-apply a value this connector has handled whose report is not in the twin yet.
 */
public final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final DittoClient ditto;
    private final String reportFeatureId;
    private final Executor executor;
    private final Clock clock;
    private final TwinRetry retry;
    /** Per element, the last desired value handled and the revision that carried it. */
    private final Map<String, Handled> handled = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> queues = new ConcurrentHashMap<>();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong notCompleted = new AtomicLong();

    private record Handled(long revision, JsonValue value) {

        static Handled later(final Handled a, final Handled b) {
            return a.revision() >= b.revision() ? a : b;
        }
    }

    public Reconciler(final DittoClient ditto, final String reportFeatureId, final ScheduledExecutorService executor,
            final Clock clock, final Backoff twinRetry) {
        this.ditto = ditto;
        this.reportFeatureId = reportFeatureId;
        this.executor = executor;
        this.clock = clock;
        this.retry = new TwinRetry(twinRetry, executor);
    }

    /**
     * After (re)reading a twin: every mapped desired value without a report for that same value is reconciled at
     * the thing's revision; those already reported are remembered as handled.
     */
    public void catchUp(final JsonObject thing, final long revision, final List<? extends DeviceTarget> targets) {
        for (final DeviceTarget target : targets) {
            for (final Mapping mapping : target.mappings()) {
                if (!mapping.writesToDevice()) {
                    continue;
                }
                final Optional<JsonValue> desired = thing.getValue(DesiredValues.desiredPath(mapping))
                        .filter(v -> !v.isNull());
                if (desired.isEmpty()) {
                    continue;
                }
                final DesiredValue value = new DesiredValue(target, mapping, desired.get(), revision);
                final Optional<ReconciliationReport> report = thing.getValue(reportPath(mapping))
                        .flatMap(ReconciliationReport::valueAndRevisionOf);
                final Handled last = handled.get(value.key());
                if (report.isPresent() && report.get().value().equals(desired.get())) {
                    handled.merge(value.key(), new Handled(report.get().desiredRevision(), desired.get()),
                            Handled::later);
                } else if (last != null && last.value().equals(desired.get())) {
                    // handled here; its report was written after this read, or is still being retried
                    LOG.debug("desired value handled, report not in the twin yet: thing={} element={} revision={}",
                            value.target().thingId(), mapping.sink(), last.revision());
                } else {
                    offer(value);
                }
            }
        }
    }

    /** Reconciles {@code desired} unless this element was handled at this revision or a later one. */
    public void offer(final DesiredValue desired) {
        final AtomicBoolean fresh = new AtomicBoolean();
        handled.compute(desired.key(), (key, last) -> {
            if (last != null && last.revision() >= desired.revision()) {
                return last;
            }
            fresh.set(true);
            return new Handled(desired.revision(), desired.value());
        });
        if (!fresh.get()) {
            LOG.debug("desired value already handled: thing={} element={} revision={}",
                    desired.target().thingId(), desired.mapping().sink(), desired.revision());
            return;
        }
        queues.compute(desired.key(), (key, tail) -> (tail == null ? CompletableFuture.<Void>completedFuture(null)
                : tail).thenComposeAsync(ignored -> reconcile(desired), executor)
                .exceptionally(e -> {
                    LOG.error("reconciliation failed: thing={} element={} error=\"{}\"",
                            desired.target().thingId(), desired.mapping().sink(), e.toString(), e);
                    return null;
                }));
    }

    private CompletableFuture<Void> reconcile(final DesiredValue desired) {
        final DataPoint point = desired.mapping().source();
        final Optional<String> refusal = checkDeclared(desired.value(), point);
        if (refusal.isPresent()) {
            return report(desired, ReconciliationReport.refusedByConnector(desired, clock.instant(), refusal.get()));
        }
        CompletableFuture<WriteOutcome> written;
        try {
            written = desired.target().write(desired.mapping(), desired.value());
        } catch (final RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        return written.handle((outcome, failure) -> failure == null ? outcome
                        : WriteOutcome.notCompleted("the write did not complete, the device may or may not have "
                                + "applied it: " + failure))
                .thenCompose(outcome -> report(desired, ReconciliationReport.of(desired, outcome, clock.instant())));
    }

    /**
     * Why the AAS forbids the value, if it does. Public for the test that compares Ditto's Hono payload mapping
     * (module ditto-extension) with the Hono connector.
     */
    public static Optional<String> checkDeclared(final JsonValue value, final DataPoint point) {
        final ValueConversion.DeviceValue typed = ValueConversion.forDevice(value, point);
        if (typed.variant().isEmpty()) {
            return Optional.of("the value " + value + " for " + point.name() + " is not of the type the AAS "
                    + "declares (" + point.typeDescription() + "): " + typed.problem());
        }
        if (point.isArray()) {
            return Optional.empty(); // min_max and enum describe single values
        }
        if (point.bounds().isPresent() && value.isNumber() && !point.bounds().get().contains(value.asDouble())) {
            return Optional.of("the value " + value + " for " + point.name() + " is outside the bounds the AAS "
                    + "declares, min_max " + point.bounds().get());
        }
        if (!point.allowedValues().isEmpty() && !(value.isString()
                && point.allowedValues().contains(value.asString()))) {
            return Optional.of("the value " + value + " for " + point.name() + " is not one the AAS allows, enum "
                    + point.allowedValues());
        }
        return Optional.empty();
    }

    private CompletableFuture<Void> report(final DesiredValue desired, final ReconciliationReport report) {
        final ThingId thingId = desired.target().thingId();
        final Mapping mapping = desired.mapping();
        switch (report.status()) {
            case APPLIED -> {
                applied.incrementAndGet();
                LOG.info("desired value applied: thing={} element={} value={} revision={} to={}", thingId,
                        mapping.sink(), desired.value(), desired.revision(), report.destination());
            }
            case REJECTED -> {
                rejected.incrementAndGet();
                LOG.info("desired value rejected: thing={} element={} value={} revision={} to={} rejectedBy={} "
                        + "deviceStatus={} reason=\"{}\"", thingId, mapping.sink(), desired.value(),
                        desired.revision(), report.destination(), report.rejectedBy().orElse(""),
                        report.deviceStatus(), report.reason().orElse(""));
            }
            case NOT_COMPLETED -> {
                notCompleted.incrementAndGet();
                LOG.warn("desired value not completed: thing={} element={} value={} revision={} to={} "
                        + "reason=\"{}\"", thingId, mapping.sink(), desired.value(), desired.revision(),
                        report.destination(), report.reason().orElse(""));
            }
        }
        final JsonObject patch = JsonFactory.newObject().setValue(reportPath(mapping).getSubPointer(1).orElseThrow(),
                report.toMergePatch());
        return retry.untilAccepted(() -> ditto.merge(TwinPath.thing(thingId).features(), patch,
                RequestOptions.none()), (failedAttempts, retryIn, why) -> {
                    if (TwinRetry.worthWarning(failedAttempts)) {
                        LOG.warn("reconciliation report not taken by the twin, retrying: thing={} element={} "
                                + "revision={} failedAttempts={} retryIn={} reason=\"{}\"", thingId, mapping.sink(),
                                desired.revision(), failedAttempts, retryIn, why.reason());
                    }
                })
                .handle((response, failure) -> {
                    if (failure != null) {
                        LOG.warn("reconciliation report not written: thing={} element={} revision={} error=\"{}\"",
                                thingId, mapping.sink(), desired.revision(), failure.toString());
                    }
                    return null;
                });
    }

    /** {@code /features/<reportFeature>/properties/<feature>/<property>}. */
    private JsonPointer reportPath(final Mapping mapping) {
        return JsonPointer.of("features").append(JsonPointer.of(reportFeatureId))
                .append(JsonPointer.of("properties")).append(JsonPointer.of(mapping.sink().featureId()))
                .append(mapping.sink().property());
    }

    public long applied() {
        return applied.get();
    }

    public long rejected() {
        return rejected.get();
    }

    /** Desired values whose write got no answer (the device may or may not have applied them). */
    public long notCompleted() {
        return notCompleted.get();
    }
}
