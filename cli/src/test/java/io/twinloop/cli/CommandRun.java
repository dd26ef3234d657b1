package io.twinloop.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the twinloop command line in this JVM, with what it printed. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = TwinLoop.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
