package io.twinloop.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * CPU time of a measured window split by part of the process, told by thread names: where one JVM runs several
 * components (the OPC UA bench: twin server, plant, Milo server and client, connector), which of them the CPU per
 * operation goes to. Threads that end within the window are not counted (the benches' parts run on long-lived
 * threads), and a part is only as precise as its threads' names: Milo's server and client share Milo's thread pools.
 */
final class ThreadCpu {

    /** A part of the process: its name and the threads that are its own. */
    record Part(String name, Predicate<String> threads) {

        static Part prefixed(final String name, final String... prefixes) {
            return new Part(name, thread -> List.of(prefixes).stream().anyMatch(thread::startsWith));
        }
    }

    private final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    private final List<Part> parts;
    private final Map<Long, Long> startNanos = new HashMap<>();

    private ThreadCpu(final List<Part> parts) {
        this.parts = List.copyOf(parts);
        for (final long id : bean.getAllThreadIds()) {
            startNanos.put(id, Math.max(0, bean.getThreadCpuTime(id)));
        }
    }

    /** Starts measuring; threads of no part count as {@code other}. */
    static ThreadCpu start(final List<Part> parts) {
        return new ThreadCpu(parts);
    }

    /** CPU nanoseconds per part since {@link #start}, in the parts' order, {@code other} last. */
    Map<String, Long> read() {
        final Map<String, Long> byPart = new LinkedHashMap<>();
        parts.forEach(part -> byPart.put(part.name(), 0L));
        byPart.put("other", 0L);
        for (final long id : bean.getAllThreadIds()) {
            final long cpu = bean.getThreadCpuTime(id);
            final ThreadInfo info = bean.getThreadInfo(id);
            if (cpu < 0 || info == null) {
                continue; // ended meanwhile
            }
            final String name = info.getThreadName();
            final String part = parts.stream().filter(p -> p.threads().test(name)).map(Part::name).findFirst()
                    .orElse("other");
            byPart.merge(part, cpu - startNanos.getOrDefault(id, 0L), Long::sum);
        }
        return byPart;
    }

    /** E.g. {@code twin server 512 µs (61%), Milo 120 µs (14%), ...} per operation. */
    static String perOperation(final Map<String, Long> byPart, final long operations) {
        final long total = byPart.values().stream().mapToLong(Long::longValue).sum();
        if (operations == 0 || total == 0) {
            return "nothing to split";
        }
        return byPart.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.0f µs (%.0f%%)", e.getKey(),
                e.getValue() / 1e3 / operations, 100.0 * e.getValue() / total)).collect(Collectors.joining(", "));
    }
}
