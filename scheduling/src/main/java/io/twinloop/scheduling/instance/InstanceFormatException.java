package io.twinloop.scheduling.instance;

import java.nio.file.Path;

/** An instance file that does not follow its format: says which file, which line (from 1) and what is wrong. */
public final class InstanceFormatException extends IllegalArgumentException {

    private final transient Path file;
    private final int line;

    public InstanceFormatException(final Path file, final int line, final String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, 0 when the problem is the file as a whole (e.g. it ends too early). */
    public int line() {
        return line;
    }
}
