package io.twinloop.kafka.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts {@link KafkaBrokerMain} as a separate JVM and stops it. Uses only the JDK, so code with another
 * kafka-clients version on its classpath (Hono's client has 3.x, the broker needs 4.x) can start the broker without
 * the two meeting: depend on this module with all its transitive dependencies excluded.
 *
 * <p>The broker's classpath comes from {@code broker.classpath} (written by this module's build next to its classes)
 * plus this module's own classes. Stopping sends SIGTERM (a clean shutdown, data kept); {@link #kill()} does not.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "/io/twinloop/kafka/broker/broker.classpath";

    private final Path dataDirectory;
    private final int port;
    private final int controllerPort;
    private final List<String> output = new ArrayList<>();
    private Process process;

    private KafkaBrokerProcess(final Path dataDirectory, final int port, final int controllerPort) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Starts a broker on {@code port} (and the controller on {@code controllerPort}) keeping its data in the directory. */
    public static KafkaBrokerProcess start(final Path dataDirectory, final int port, final int controllerPort,
            final Duration timeout) {
        final KafkaBrokerProcess broker = new KafkaBrokerProcess(dataDirectory, port, controllerPort);
        broker.startAgain(timeout);
        return broker;
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker (again) on the same ports and data directory; returns when it serves clients. */
    public synchronized void startAgain(final Duration timeout) {
        if (isRunning()) {
            throw new IllegalStateException("the Kafka broker on port " + port + " is running already");
        }
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath(),
                KafkaBrokerMain.class.getName(), dataDirectory.toString(), String.valueOf(port),
                String.valueOf(controllerPort));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker process: " + e.getMessage(), e);
        }
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final Process started = process;
        final Thread reader = new Thread(() -> read(started.getInputStream(), ready), "kafka-broker-output-" + port);
        reader.setDaemon(true);
        reader.start();
        started.onExit().thenRun(() -> ready.completeExceptionally(new IllegalStateException(
                "the Kafka broker process ended with status " + started.exitValue() + " before it was ready:\n"
                        + String.join("\n", lastOutput()))));
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final TimeoutException e) {
            kill();
            throw new IllegalStateException("the Kafka broker was not ready within " + timeout + ":\n"
                    + String.join("\n", lastOutput()), e);
        } catch (final ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while starting the Kafka broker", e);
        }
    }

    private void read(final InputStream stream, final CompletableFuture<Void> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(KafkaBrokerMain.READY)) {
                    ready.complete(null);
                }
                synchronized (output) {
                    output.add(line);
                    if (output.size() > 200) {
                        output.remove(0);
                    }
                }
            }
        } catch (final IOException e) {
            // the process ended; its exit is reported by onExit
        }
    }

    /** The broker's last lines of output (kept for error messages). */
    public List<String> lastOutput() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** Stops the broker cleanly (SIGTERM) and waits for its process to end; data stay in the directory. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit();
    }

    /** Ends the broker process at once, as a crash would. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** This module's classes followed by its runtime dependencies (as its build wrote them). */
    static String classpath() {
        final String dependencies;
        try (InputStream in = KafkaBrokerProcess.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + CLASSPATH_RESOURCE + " next to the broker's classes: build the "
                        + "kafka-broker module with Maven (it writes the file)");
            }
            dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final String own;
        try {
            own = Path.of(KafkaBrokerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return own + java.io.File.pathSeparator + dependencies;
    }
}
