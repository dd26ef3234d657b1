package io.twinloop.scenarios.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A scenario file that cannot be used: every problem found, each naming the file and the JSON path. */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient List<Problem> problems;

    public ScenarioException(final Path file, final List<Problem> problems) {
        super(message(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    private static String message(final Path file, final List<Problem> problems) {
        return "scenario " + file + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + ":\n" + problems.stream().map(p -> "  " + file + " " + p).collect(Collectors.joining("\n"));
    }

    public Path file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }
}
