package io.twinloop.scheduling.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A text file read line by line with its position, so every format error can name file and line. */
final class Lines {

    private final Path file;
    private final List<String> lines;
    private int next;

    private Lines(final Path file, final List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    static Lines of(final Path file) {
        try {
            return new Lines(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read instance file " + file + ": " + e.getMessage(), e);
        }
    }

    boolean hasNext() {
        return next < lines.size();
    }

    /** The next line's text; {@link #lineNumber()} is then its number. */
    String next() {
        if (!hasNext()) {
            throw error("the file ends early");
        }
        return lines.get(next++);
    }

    /** Number (from 1) of the line last returned by {@link #next()}. */
    int lineNumber() {
        return next;
    }

    /** The next line that is neither blank nor a {@code #} comment. */
    String nextContent(final String expected) {
        while (hasNext()) {
            final String line = next();
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                return line;
            }
        }
        throw new InstanceFormatException(file, 0, "the file ends where " + expected + " was expected");
    }

    /** The whitespace-separated integers of {@code line}, exactly {@code count} of them. */
    int[] integers(final String line, final int count, final String what) {
        final String[] tokens = line.strip().split("\\s+");
        if (tokens.length != count) {
            throw error("expected " + count + " integers (" + what + "), found " + tokens.length + ": '" + abbreviate(line) + "'");
        }
        final int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            try {
                values[i] = Integer.parseInt(tokens[i]);
            } catch (NumberFormatException e) {
                throw error("'" + tokens[i] + "' (token " + (i + 1) + " of " + what + ") is not an integer");
            }
        }
        return values;
    }

    InstanceFormatException error(final String problem) {
        return new InstanceFormatException(file, next, problem);
    }

    Path file() {
        return file;
    }

    private static String abbreviate(final String line) {
        final String stripped = line.strip();
        return stripped.length() > 60 ? stripped.substring(0, 57) + "..." : stripped;
    }
}
