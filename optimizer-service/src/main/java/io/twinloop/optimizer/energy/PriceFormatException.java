package io.twinloop.optimizer.energy;

/** A price file that cannot be read as documented: names the file, the line and the column (1-based) and why. */
public final class PriceFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;

    public PriceFormatException(final String file, final int line, final int column, final String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
