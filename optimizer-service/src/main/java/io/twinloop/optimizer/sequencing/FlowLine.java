package io.twinloop.optimizer.sequencing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.eclipse.ditto.things.model.ThingId;

import io.twinloop.optimizer.plant.MachineView;
import io.twinloop.scheduling.delivery.DeliveryCommitments;
import io.twinloop.scheduling.delivery.DeliveryEvaluation;
import io.twinloop.scheduling.jobshop.JobShop;
import io.twinloop.scheduling.jobshop.MachineSequences;
import io.twinloop.scheduling.jobshop.Schedule;

/**
 * The waiting work of one flow line as a job shop (module {@code scheduling}), in seconds from now: every job waiting
 * at station k still visits stations k..n-1 in flow order, for {@code quantity × seconds per part} at each; a
 * station that is down (failed, in maintenance) is available only from its expected return; due dates come from
 * the job queues. Immutable.
 *
 * <p>Evaluating a {@link QueueOrder} simulates the plant's queue discipline, not an arbitrary job-shop schedule: a
 * machine works its waiting jobs in the given order, then the jobs arriving from upstream in the order they leave
 * the machine before it (they join the end of its queue). Jobs are numbered station by station in current order.
 */
public final class FlowLine {

    /**
     * One machine of the line as the twin showed it.
     *
     * @param secondsPerPart at the speed it runs at (or is asked to)
     * @param unavailableSeconds until it can work again (0 when it works)
     * @param waiting its waiting jobs in the order they will be worked now
     */
    public record Station(MachineView machine, double secondsPerPart, int unavailableSeconds, String condition,
            List<WaitingJob> waiting) {

        public Station {
            waiting = List.copyOf(waiting);
        }

        public ThingId thingId() {
            return machine.thingId();
        }
    }

    private final String name;
    private final Instant now;
    private final List<Station> stations;
    private final JobShop shop;
    private final int[] jobStation;
    private final List<WaitingJob> jobs;
    private final List<Map<String, Integer>> jobIndex = new ArrayList<>();
    private final DeliveryCommitments commitments;
    private final QueueOrder current;

    private FlowLine(final String name, final Instant now, final List<Station> stations) {
        this.name = name;
        this.now = now;
        this.stations = List.copyOf(stations);
        final int n = stations.size();
        final List<int[]> machines = new ArrayList<>();
        final List<int[]> durations = new ArrayList<>();
        final List<Integer> station = new ArrayList<>();
        final List<WaitingJob> jobs = new ArrayList<>();
        final Map<ThingId, List<String>> order = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            final Map<String, Integer> index = new HashMap<>();
            for (final WaitingJob job : stations.get(k).waiting()) {
                index.put(job.jobId(), jobs.size());
                final int[] route = new int[n - k];
                final int[] times = new int[n - k];
                for (int i = 0; i < route.length; i++) {
                    route[i] = k + i;
                    times[i] = (int) Math.min(Integer.MAX_VALUE / 4,
                            Math.ceil(job.quantity() * stations.get(k + i).secondsPerPart()));
                }
                machines.add(route);
                durations.add(times);
                station.add(k);
                jobs.add(job);
            }
            jobIndex.add(index);
            order.put(stations.get(k).thingId(), stations.get(k).waiting().stream().map(WaitingJob::jobId).toList());
        }
        this.shop = JobShop.of(name, n, machines.toArray(int[][]::new), durations.toArray(int[][]::new))
                .withMachineAvailability(stations.stream().mapToInt(Station::unavailableSeconds).toArray());
        this.jobStation = station.stream().mapToInt(Integer::intValue).toArray();
        this.jobs = List.copyOf(jobs);
        this.commitments = DeliveryCommitments.of(shop,
                jobs.stream().mapToInt(job -> seconds(Duration.between(now, job.dueDate()))).toArray(),
                jobs.stream().mapToInt(WaitingJob::priority).toArray());
        this.current = new QueueOrder(order);
    }

    /** The line's model; empty when no job waits anywhere on it. */
    public static Optional<FlowLine> of(final Instant now, final List<Station> stations) {
        if (stations.stream().allMatch(s -> s.waiting().isEmpty())) {
            return Optional.empty();
        }
        final String name = stations.stream().map(s -> s.thingId().toString()).collect(Collectors.joining(" > "));
        return Optional.of(new FlowLine(name, now, stations));
    }

    private static int seconds(final Duration d) {
        return (int) Math.max(Integer.MIN_VALUE / 4, Math.min(Integer.MAX_VALUE / 4, d.getSeconds()));
    }

    /** The machines in flow order, {@code a > b > c}. */
    public String name() {
        return name;
    }

    public Instant now() {
        return now;
    }

    public List<Station> stations() {
        return stations;
    }

    /** The job shop the solver works on (machines = stations, jobs numbered station by station). */
    public JobShop shop() {
        return shop;
    }

    public DeliveryCommitments commitments() {
        return commitments;
    }

    /** The order the jobs will be worked in if nothing is changed. */
    public QueueOrder current() {
        return current;
    }

    /** The jobs waiting at station {@code k} (indices into the shop), in current order. */
    public List<Integer> jobsAt(final int k) {
        return stations.get(k).waiting().stream().map(j -> jobIndex.get(k).get(j.jobId())).toList();
    }

    public int stationOf(final int job) {
        return jobStation[job];
    }

    public WaitingJob job(final int job) {
        return jobs.get(job);
    }

    /** The shop operation of {@code job} at station {@code k} (k at or after the job's station). */
    public int operation(final int job, final int k) {
        return shop.firstOperation(job) + k - jobStation[job];
    }

    /** Whether {@code order} is a permutation of the waiting jobs at every station. */
    public boolean accepts(final QueueOrder order) {
        for (int k = 0; k < stations.size(); k++) {
            final List<String> ids = order.of(stations.get(k).thingId());
            if (ids.size() != jobIndex.get(k).size() || !jobIndex.get(k).keySet().equals(new HashSet<>(ids))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The schedule the plant would follow with {@code order}: each machine works its waiting jobs in that order,
     * then the arrivals from upstream in the order they leave the machine before it.
     *
     * @throws IllegalArgumentException when the order is not a permutation of some station's waiting jobs
     */
    public Schedule simulate(final QueueOrder order) {
        if (!accepts(order)) {
            throw new IllegalArgumentException(name + ": " + order + " is not a reordering of the waiting jobs "
                    + current);
        }
        final int[][] sequences = new int[stations.size()][];
        List<Integer> upstream = List.of();
        for (int k = 0; k < stations.size(); k++) {
            final List<Integer> here = new ArrayList<>();
            final Map<String, Integer> index = jobIndex.get(k);
            order.of(stations.get(k).thingId()).forEach(id -> here.add(index.get(id)));
            here.addAll(upstream);
            final int station = k;
            sequences[k] = here.stream().mapToInt(job -> operation(job, station)).toArray();
            upstream = here;
        }
        return MachineSequences.of(shop, sequences).semiActiveSchedule();
    }

    public DeliveryEvaluation evaluate(final QueueOrder order) {
        return DeliveryEvaluation.of(simulate(order), commitments);
    }

    /** What a job-shop schedule (e.g. a solver's) asks of the queues: each station's waiting jobs by start time. */
    public QueueOrder project(final Schedule schedule) {
        QueueOrder order = current;
        for (int k = 0; k < stations.size(); k++) {
            final int station = k;
            order = order.with(stations.get(k).thingId(), jobsAt(k).stream()
                    .sorted(Comparator.comparingInt((Integer job) -> schedule.start(operation(job, station)))
                            .thenComparingInt(job -> job))
                    .map(job -> job(job).jobId()).toList());
        }
        return order;
    }

    /** Parts of the jobs a schedule completes within {@code seconds} from now. */
    public long partsCompletedWithin(final Schedule schedule, final long seconds) {
        long parts = 0;
        for (int job = 0; job < jobs.size(); job++) {
            if (schedule.completion(job) <= seconds) {
                parts += jobs.get(job).quantity();
            }
        }
        return parts;
    }

    @Override
    public String toString() {
        return "FlowLine[" + name + ", " + shop.jobCount() + " waiting jobs]";
    }
}
