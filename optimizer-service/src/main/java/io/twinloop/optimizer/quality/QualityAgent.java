package io.twinloop.optimizer.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.ditto.json.JsonPointer;
import org.eclipse.ditto.json.JsonValue;
import org.eclipse.ditto.things.model.ThingId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.twinloop.optimizer.agent.Action;
import io.twinloop.optimizer.agent.Agent;
import io.twinloop.optimizer.agent.Candidate;
import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.optimizer.plant.PlantView;

/**
 * The quality agent: watches each machine's measured quality signal ({@code DimensionDeviation}, µm from nominal)
 * as the twin shows it, detects a drift with a CUSUM chart at a configured false-alarm rate ({@link DriftDetector}),
 * estimates the shift and proposes a desired {@code ToolOffset} that takes it out, in full or in part
 * ({@code corrections}), never outside the range the twin declares ({@code TechnicalData/ToolOffsetSetting}). The
 * goal layer judges the candidates against no change on the {@link ScrapModel} (scrap as lost production); the
 * impact policy classes the chosen one.
 *
 * <p>Nothing while the process is in control (no alarm) or the detector is not armed yet. Once a correction is
 * requested (a desired offset differs from the applied one) nothing more until it is applied; once applied, the
 * chart starts afresh and ignores the parts of the next {@code settleParts} (their effect must be seen first, and a
 * part measured before the change may still arrive). A twin whose quality data cannot be used (missing, not a finite
 * number, contradicting its declared bounds) is left alone and named in a WARN log and {@link #problems()}.
 */
public final class QualityAgent implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(QualityAgent.class);
    private static final JsonPointer TOOL_OFFSET = JsonPointer.of(QualitySignal.OFFSET);

    /**
     * @param inControlArl false-alarm rate as the in-control average run length, samples between false alarms
     * @param reference CUSUM reference value k, σ (half the shift it detects fastest)
     * @param minSamples moving ranges needed before σ is trusted and the chart armed
     * @param sigmaWindow moving ranges kept for σ
     * @param settleParts parts to wait after a correction is applied before sampling again
     * @param corrections fractions of the estimated shift offered as candidates (1 = full, 0.5 = half)
     */
    public record Settings(double inControlArl, double reference, int minSamples, int sigmaWindow, int settleParts,
            List<Double> corrections) {

        public Settings {
            corrections = List.copyOf(corrections);
            if (!(inControlArl >= 2) || !Double.isFinite(inControlArl)) {
                throw new IllegalArgumentException("quality agent: inControlArl must be >= 2 samples, was "
                        + inControlArl);
            }
            if (!(reference > 0) || !Double.isFinite(reference)) {
                throw new IllegalArgumentException("quality agent: reference must be > 0 σ, was " + reference);
            }
            if (minSamples < 2 || sigmaWindow < minSamples) {
                throw new IllegalArgumentException("quality agent: need 2 <= minSamples <= sigmaWindow, were "
                        + minSamples + " and " + sigmaWindow);
            }
            if (settleParts < 0) {
                throw new IllegalArgumentException("quality agent: settleParts must be >= 0, was " + settleParts);
            }
            if (corrections.isEmpty() || corrections.stream().anyMatch(f -> !(f > 0 && f <= 1))) {
                throw new IllegalArgumentException("quality agent: corrections must be fractions in (0, 1], were "
                        + corrections);
            }
        }

        /** ARL0 500 samples, k 0.5 σ, σ from 30..100 moving ranges, settle 5 parts, full and half corrections. */
        public static Settings defaults() {
            return new Settings(500, 0.5, 30, 100, 5, List.of(1.0, 0.5));
        }

        public Settings withInControlArl(final double value) {
            return new Settings(value, reference, minSamples, sigmaWindow, settleParts, corrections);
        }

        public Settings withSettleParts(final int value) {
            return new Settings(inControlArl, reference, minSamples, sigmaWindow, value, corrections);
        }

        public Settings withMinSamples(final int value) {
            return new Settings(inControlArl, reference, value, Math.max(value, sigmaWindow), settleParts,
                    corrections);
        }

        public CusumDesign design() {
            return CusumDesign.forInControlArl(inControlArl, reference);
        }
    }

    /**
     * What the agent believes of one machine's process now, for the scrap model.
     *
     * @param meanUm estimated mean deviation at the applied offset (the CUSUM's shift estimate in an alarm, else
     *        the mean of the samples since the last reset, 0 without any)
     * @param sigmaUm estimated noise σ (NaN until known)
     */
    public record Estimate(ThingId thingId, double meanUm, double sigmaUm, double toleranceUm, double offsetUm,
            boolean drifting) {
    }

    /** One machine's derived state. */
    private static final class Track {
        final DriftDetector detector;
        double lastDeviation = Double.NaN;
        double lastOffset = Double.NaN;
        long sampleFrom = Long.MIN_VALUE;
        double sum;
        int count;
        QualitySignal signal;

        Track(final CusumDesign design, final Settings settings) {
            this.detector = new DriftDetector(design, settings.minSamples(), settings.sigmaWindow());
        }
    }

    private final Settings settings;
    private final CusumDesign design;
    private final Map<ThingId, Track> tracks = new ConcurrentHashMap<>();
    private final Map<ThingId, String> problems = new ConcurrentHashMap<>();

    public QualityAgent(final Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.design = settings.design();
    }

    @Override
    public String name() {
        return "quality";
    }

    @Override
    public synchronized List<Candidate> propose(final PlantView view) {
        tracks.keySet().removeIf(id -> view.machine(id).isEmpty());
        problems.keySet().removeIf(id -> view.machine(id).isEmpty());
        final List<Candidate> candidates = new ArrayList<>();
        for (final MachineView machine : view.machines()) {
            if (!QualitySignal.shownBy(machine)) {
                continue;
            }
            final QualitySignal signal;
            try {
                signal = QualitySignal.of(machine);
            } catch (final QualityDataException e) {
                if (!e.getMessage().equals(problems.put(machine.thingId(), e.getMessage()))) {
                    LOG.warn("quality data ignored: thing={} property={} problem=\"{}\"", e.thingId(), e.property(),
                            e.getMessage());
                }
                continue;
            }
            if (problems.remove(machine.thingId()) != null) {
                LOG.info("quality data usable again: thing={}", machine.thingId());
            }
            final Track track = tracks.computeIfAbsent(machine.thingId(), id -> new Track(design, settings));
            observe(track, signal);
            if (signal.correctionPending() || !track.detector.inAlarm()) {
                continue;
            }
            candidates.addAll(corrections(track, signal));
        }
        return candidates;
    }

    private void observe(final Track track, final QualitySignal signal) {
        track.signal = signal;
        if (!Double.isNaN(track.lastOffset) && signal.offsetUm() != track.lastOffset) {
            // a correction (ours or anyone's) is applied: another process mean from here on
            track.detector.reset();
            track.sum = 0;
            track.count = 0;
            track.sampleFrom = signal.partsProduced() + settings.settleParts();
            LOG.info("quality: offset applied, chart reset: thing={} offset={} µm (was {}) sampling again from part {}",
                    signal.thingId(), signal.offsetUm(), track.lastOffset, track.sampleFrom);
        }
        track.lastOffset = signal.offsetUm();
        // a new part is a new deviation value (two parts measuring the very same double do not happen)
        if (signal.deviationUm() == track.lastDeviation) {
            return;
        }
        track.lastDeviation = signal.deviationUm();
        if (signal.partsProduced() <= track.sampleFrom) {
            return;
        }
        final boolean wasAlarm = track.detector.inAlarm();
        final boolean alarm = track.detector.observe(signal.deviationUm());
        track.sum += signal.deviationUm();
        track.count++;
        if (alarm && !wasAlarm) {
            LOG.info("quality drift detected: thing={} shift={} µm sigma={} µm cusum+={} cusum-={} h={}",
                    signal.thingId(), round(track.detector.shiftEstimate()), round(track.detector.sigma()),
                    round(track.detector.state().upper()), round(track.detector.state().lower()), round(design.h()));
        }
    }

    private List<Candidate> corrections(final Track track, final QualitySignal signal) {
        final double shift = track.detector.shiftEstimate();
        final List<Candidate> candidates = new ArrayList<>();
        final List<Double> offered = new ArrayList<>();
        for (final double fraction : settings.corrections()) {
            final double wanted = signal.offsetUm() - fraction * shift;
            final double target = round(Math.max(signal.offsetMinUm(), Math.min(signal.offsetMaxUm(), wanted)));
            if (Math.abs(target - signal.offsetUm()) < 0.05 || offered.contains(target)) {
                continue; // at the bound already, or the same as a larger correction clipped
            }
            offered.add(target);
            final String what = fraction == 1 ? "full" : Math.round(fraction * 100) + " %";
            final String reasoning = String.format(Locale.ROOT,
                    "%s DimensionDeviation drifts: CUSUM C+ %.2f, C- %.2f above h %.2f (k %.2f σ, in-control ARL %.0f"
                            + " samples) after %d samples; estimated shift %+.1f µm (σ %.2f µm from %d moving"
                            + " ranges); tolerance ±%.1f µm. ToolOffset %.1f -> %.1f µm (%s correction%s), within the"
                            + " declared [%.1f, %.1f] µm.",
                    signal.thingId(), track.detector.state().upper(), track.detector.state().lower(), design.h(),
                    design.k(), settings.inControlArl(), track.detector.samplesSinceReset(), shift,
                    track.detector.sigma(), track.detector.movingRanges(), signal.toleranceUm(), signal.offsetUm(),
                    target, what, target != round(wanted) ? ", clipped to the bound from " + round(wanted) : "",
                    signal.offsetMinUm(), signal.offsetMaxUm());
            candidates.add(new Candidate(name(), String.format(Locale.ROOT, "%s tool offset %.1f -> %.1f µm (%s "
                    + "correction of a %+.1f µm drift)", signal.thingId(), signal.offsetUm(), target, what, shift),
                    List.of(new Action(signal.thingId(), MachineView.OPERATIONAL, TOOL_OFFSET, JsonValue.of(target),
                            Math.max(1, signal.revision()))), reasoning));
        }
        return candidates;
    }

    /** What the agent believes of a machine's process, if it watches one there. */
    public Optional<Estimate> estimate(final ThingId machine) {
        final Track track = tracks.get(machine);
        if (track == null || track.signal == null) {
            return Optional.empty();
        }
        final boolean drifting = track.detector.inAlarm();
        final double mean = drifting ? track.detector.shiftEstimate() : track.count == 0 ? 0 : track.sum / track.count;
        return Optional.of(new Estimate(machine, mean, track.detector.sigma(), track.signal.toleranceUm(),
                track.signal.offsetUm(), drifting));
    }

    /** Twins whose quality data was refused at the last look, with the problem (thing and property named). */
    public Map<ThingId, String> problems() {
        return Map.copyOf(problems);
    }

    public Settings settings() {
        return settings;
    }

    public CusumDesign design() {
        return design;
    }

    private static double round(final double value) {
        return Math.round(value * 10) / 10.0;
    }
}
