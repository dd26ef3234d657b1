package io.twinloop.optimizer.maintenance.cmapss;

import java.io.IOException;
import java.nio.file.Path;

/** A C-MAPSS file that does not follow the format; the message starts with {@code FILE:LINE[:COLUMN]: }. */
public final class CmapssFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final Path file;
    private final int line;
    private final int column;

    CmapssFormatException(final Path file, final int line, final int column, final String problem) {
        super(file + (line > 0 ? ":" + line : "") + (column > 0 ? ":" + column : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number, 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }

    /** 1-based column (field) number, 0 when the problem is the line as a whole. */
    public int column() {
        return column;
    }
}
