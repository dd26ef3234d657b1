package io.twinloop.cli.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.twinloop.cli.TwinLoop;

/**
 * Start-up of the twin server as an operator sees it: a new JVM running {@code twinloop twin-server} on an existing
 * data folder, timed from launching the process to the first request it answers with the twin asked for. A restart
 * inside a warmed-up JVM hides class loading and JIT; this does not. Also reads the process's resident memory then.
 */
final class ColdStart {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private ColdStart() {}

    /**
     * @param javaOptions JVM options for the new process (e.g. {@code -XX:SharedArchiveFile=...}), may be empty
     * @return e.g. {@code new JVM: first served request after 1412 ms, resident memory 310 MB}
     */
    static String measure(final Path data, final String user, final String thingId, final List<String> javaOptions)
            throws IOException, InterruptedException {
        final int port = freePort();
        final List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(launcherClassData());
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TwinLoop.class.getName(),
                "twin-server", "--port", Integer.toString(port), "--data", data.toString(),
                "--user", user + ":" + user));
        final Path log = Files.createTempFile("twinloop-cold-start", ".log");
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        warmUp(http);
        final long launched = System.nanoTime();
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            final int status = awaitFirstAnswer(http, process, URI.create("http://127.0.0.1:" + port + "/api/2/things/" + thingId), user, log);
            final double millis = (System.nanoTime() - launched) / 1e6;
            final Optional<Duration> cpu = process.toHandle().info().totalCpuDuration();
            final List<String> options = new ArrayList<>(launcherClassData());
            options.addAll(javaOptions);
            return String.format(Locale.ROOT, "new JVM%s: first served request (%d) after %.0f ms (its CPU time by "
                    + "then %s), resident memory %s",
                    options.isEmpty() ? "" : " " + String.join(" ", options), status, millis,
                    cpu.map(d -> d.toMillis() + " ms").orElse("unknown"),
                    residentMegabytes(process.pid()).map(mb -> mb + " MB").orElse("unknown"));
        } finally {
            process.destroy();
            process.waitFor();
            Files.deleteIfExists(log);
        }
    }

    /** @return the answer's status: 200, or 404 when the folder does not hold the thing (e.g. an empty folder) */
    private static int awaitFirstAnswer(final HttpClient http, final Process process, final URI uri,
            final String user, final Path log) throws IOException, InterruptedException {
        final String credentials = Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        final HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Basic " + credentials).GET()
                .build();
        final long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the twin server process ended with exit code " + process.exitValue()
                        + " before answering; its output:\n" + Files.readString(log));
            }
            try {
                final HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200 || response.statusCode() == 404) {
                    return response.statusCode();
                }
                throw new IOException(uri + " answered " + response.statusCode() + " instead of 200 or 404");
            } catch (final ConnectException notListeningYet) {
                Thread.sleep(2);
            }
        }
        throw new IOException("the twin server did not answer " + uri + " within " + DEADLINE.toSeconds() + " s");
    }

    private static Optional<Long> residentMegabytes(final long pid) {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
        } catch (final IOException | NumberFormatException notLinux) {
            // only Linux has /proc; the start-up time is the figure that matters
        }
        return Optional.empty();
    }

    /**
     * One request to a throw-away local server first, so that the time measured is the twin server's and not this
     * client's own first request (loading and initializing the JDK's HTTP client takes a few hundred ms).
     */
    private static void warmUp(final HttpClient http) throws IOException, InterruptedException {
        final com.sun.net.httpserver.HttpServer local = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        local.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        local.start();
        try {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local.getAddress().getPort() + "/"))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
        } finally {
            local.stop(0);
        }
    }

    /** The class-data archive this JVM was started with by the {@code twinloop} launcher, so the new one maps it too. */
    private static List<String> launcherClassData() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-XX:SharedArchiveFile=") || option.startsWith("-Xlog:cds"))
                .toList();
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
