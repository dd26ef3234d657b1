package io.twinloop.aas;

import java.util.Objects;

/**
 * Input that TwinLoop cannot accept, with what is wrong and where: the file (or thing) it came from,
 * the place inside it (an idShort path, a JSON pointer, a zip entry, a line), and the problem.
 * The message reads {@code SOURCE: PLACE: PROBLEM} so that an operator can go straight to the spot.
 */
public final class AasInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String place;
    private final String problem;

    private AasInputException(final String source, final String place, final String problem,
            final Throwable cause) {
        super(format(source, place, problem), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.place = place == null ? "" : place;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public static AasInputException of(final String source, final String place, final String problem) {
        return new AasInputException(source, place, problem, null);
    }

    public static AasInputException of(final String source, final String place, final String problem,
            final Throwable cause) {
        return new AasInputException(source, place, problem, cause);
    }

    /** The same problem, attributed to another source (e.g. when a library reported it without one). */
    public AasInputException inSource(final String otherSource) {
        return new AasInputException(otherSource, place, problem, getCause());
    }

    public String source() {
        return source;
    }

    public String place() {
        return place;
    }

    public String problem() {
        return problem;
    }

    private static String format(final String source, final String place, final String problem) {
        return place == null || place.isEmpty()
                ? source + ": " + problem
                : source + ": " + place + ": " + problem;
    }
}
