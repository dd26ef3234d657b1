package io.twinloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A long-running command (a connector) run in this JVM on a thread of its own until {@link #stop()} interrupts it,
 * as Ctrl-C ends it; what it printed so far can be read while it runs.
 */
public final class CommandThread {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exit = new AtomicInteger(-1);
    private final Thread thread;

    private CommandThread(final String... args) {
        this.thread = new Thread(() -> exit.set(TwinLoop.run(new PrintWriter(out, true), new PrintWriter(err, true),
                args)), "command-" + String.join("-", args).replaceAll("[^a-z-]", "").substring(0, 20));
    }

    public static CommandThread start(final String... args) {
        final CommandThread command = new CommandThread(args);
        command.thread.start();
        return command;
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }

    /** The exit code, -1 while it runs. */
    public int exitCode() {
        return exit.get();
    }

    /** Generous polling with a deadline, while the command runs; fails naming what it printed. */
    public void await(final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 90 s; out: %s%nerr: %s", out(), err()).isLessThan(deadline);
            assertThat(thread.isAlive()).as("the command ended; out: %s%nerr: %s", out(), err()).isTrue();
            Thread.sleep(100);
        }
    }

    /** Waits (generously) for a command that ends by itself, e.g. one refusing its input. */
    public CommandThread ended() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(90));
        assertThat(thread.isAlive()).as("the command did not end; out: %s%nerr: %s", out(), err()).isFalse();
        return this;
    }

    /** Interrupts it (as Ctrl-C) and waits until it has ended. */
    public void stop() throws InterruptedException {
        thread.interrupt();
        ended();
    }
}
