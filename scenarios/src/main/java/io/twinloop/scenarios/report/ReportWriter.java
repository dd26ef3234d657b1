package io.twinloop.scenarios.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code bench report}: reads the results, aggregates them per scenario and policy and writes the HTML page. The
 * page is written beside its final name and moved into place, so a refused input or a failed write leaves no half
 * report (and an earlier report at that name untouched).
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** What was written. */
    public record Written(Path file, int runs, List<ScenarioSummary> scenarios) {
    }

    public static Written write(final List<Path> inputs, final Path out) throws ReportException, IOException {
        final List<RunRecord> runs = ResultReader.read(inputs);
        final List<ScenarioSummary> scenarios = ScenarioSummary.of(runs);
        final String html = HtmlReport.render(scenarios, runs.size());
        final Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        final Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            Files.writeString(partial, html, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return new Written(target, runs.size(), scenarios);
    }
}
