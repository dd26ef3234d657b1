package io.twinloop.scenarios.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The report as one self-contained XHTML page (inline CSS and SVG, nothing fetched): per scenario a chart per
 * {@link Metric} and the table against the {@link PublishedFigure}s. XHTML so that any XML parser can check it.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em; color: #222; max-width: 75em; }
            h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
            h3 { margin-bottom: .2em; font-size: 1em; }
            .charts { display: flex; flex-wrap: wrap; gap: 1em 2em; }
            .chart text { font-size: 12px; fill: #222; }
            .chart .axis { stroke: #999; }
            .chart .whisker { stroke: #111; stroke-width: 1.5; }
            table { border-collapse: collapse; margin: .5em 0 1em; }
            th, td { border: 1px solid #ccc; padding: .3em .6em; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.missed td.verdict { color: #a00; font-weight: bold; }
            tr.reached td.verdict { color: #070; font-weight: bold; }
            tr.none td.verdict { color: #666; font-style: italic; }
            td.better { color: #070; }
            td.worse { color: #a00; }
            .note { color: #555; font-size: .9em; }
            p.why { border-left: 3px solid #a00; padding-left: .6em; max-width: 60em; }
            """;

    private HtmlReport() {
    }

    public static String render(final List<ScenarioSummary> scenarios, final int files) {
        final StringBuilder html = new StringBuilder();
        html.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n")
                .append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"UTF-8\"/>\n<title>TwinLoop plant benchmark report</title>\n<style>")
                .append(STYLE).append("</style>\n</head>\n<body>\n<h1>TwinLoop plant benchmark report</h1>\n")
                .append("<p class=\"note\">").append(files).append(" run result(s) of ").append(scenarios.size())
                .append(" scenario(s), written by <code>twinloop bench plant</code>. Bars are the mean over seeds, "
                        + "whiskers the smallest and largest seed. Percentages are computed from the means, each "
                        + "policy against the calendar baseline; the seed-by-seed tables compare runs of the same seed, which "
                        + "see the same demand and failure draws.</p>\n");
        for (final ScenarioSummary scenario : scenarios) {
            scenario(html, scenario);
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void scenario(final StringBuilder html, final ScenarioSummary scenario) {
        html.append("<section class=\"scenario\">\n<h2>").append(Markup.escape(scenario.scenario())).append("</h2>\n")
                .append("<p class=\"note\">").append(Markup.escape(Markup.number(scenario.days())))
                .append(" simulated day(s) per run; ")
                .append(Markup.escape(scenario.policies().stream()
                        .map(p -> p.policy() + ": seeds " + p.seeds().stream().map(String::valueOf)
                                .collect(Collectors.joining(", ")))
                        .collect(Collectors.joining("; "))))
                .append("</p>\n");
        published(html, scenario);
        WhySections.render(html, scenario);
        sameSeeds(html, scenario);
        html.append("<div class=\"charts\">\n");
        for (final Metric metric : Metric.values()) {
            html.append("<figure class=\"metric\" data-metric=\"").append(metric.field()).append("\">\n<h3>")
                    .append(Markup.escape(metric.title())).append(" <span class=\"note\">(")
                    .append(Markup.escape(metric.unit())).append(metric.lowerIsBetter() ? ", lower is better" : ", "
                            + "higher is better").append(")</span></h3>\n")
                    .append(SpreadChart.render(metric, scenario.policies())).append("\n</figure>\n");
        }
        html.append("</div>\n</section>\n");
    }

    private static void published(final StringBuilder html, final ScenarioSummary scenario) {
        html.append("<table class=\"published\">\n<caption>Against the published figures (vs the calendar "
                + "baseline)</caption>\n<tr><th>policy</th><th>published</th><th>baseline mean</th>"
                + "<th>policy mean</th><th>measured change</th><th>verdict</th></tr>\n");
        for (final String policy : ScenarioSummary.COMPARED) {
            for (final PublishedFigure figure : PublishedFigure.values()) {
                final Comparison c = Comparison.of(scenario, policy, figure);
                final String rowClass = c.changePercent().isEmpty() ? "none" : c.reached() ? "reached" : "missed";
                html.append("<tr class=\"").append(rowClass).append("\" data-policy=\"").append(Markup.escape(policy))
                        .append("\" data-figure=\"").append(figure.name()).append("\"><td>")
                        .append(Markup.escape(policy)).append("</td><td>").append(Markup.escape(figure.claim()))
                        .append("</td><td class=\"num\">").append(Markup.number(c.baselineMean()))
                        .append("</td><td class=\"num\">").append(Markup.number(c.policyMean()))
                        .append("</td><td class=\"num change\">")
                        .append(c.changePercent().map(Comparison::percent).orElse("–"))
                        .append("</td><td class=\"verdict\">").append(Markup.escape(c.verdict()))
                        .append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
    }

    /** Each compared policy against the baseline seed by seed, on the published figures' metrics. */
    private static void sameSeeds(final StringBuilder html, final ScenarioSummary scenario) {
        for (final String policy : ScenarioSummary.COMPARED) {
            final List<SeedPairs> byMetric = java.util.Arrays.stream(PublishedFigure.values())
                    .map(f -> SeedPairs.of(scenario, policy, f.metric())).toList();
            if (byMetric.get(0).pairs().isEmpty()) {
                continue;
            }
            html.append("<table class=\"seeds\" data-policy=\"").append(Markup.escape(policy))
                    .append("\">\n<caption>").append(Markup.escape(policy))
                    .append(" vs the calendar baseline, seed by seed (same demand, same failure draws): baseline → ")
                    .append(Markup.escape(policy)).append(" (change)</caption>\n<tr><th>seed</th>");
            byMetric.forEach(m -> html.append("<th>").append(Markup.escape(m.metric().title())).append("</th>"));
            html.append("</tr>\n");
            for (int row = 0; row < byMetric.get(0).pairs().size(); row++) {
                html.append("<tr data-seed=\"").append(byMetric.get(0).pairs().get(row).seed()).append("\"><td>")
                        .append(byMetric.get(0).pairs().get(row).seed()).append("</td>");
                for (final SeedPairs metric : byMetric) {
                    final SeedPairs.Pair pair = metric.pairs().get(row);
                    html.append("<td class=\"num ").append(pair.better(metric.metric()) ? "better"
                                    : pair.worse(metric.metric()) ? "worse" : "same")
                            .append("\" data-metric=\"").append(metric.metric().field()).append("\">")
                            .append(Markup.number(pair.baseline())).append(" → ").append(Markup.number(pair.policy()))
                            .append(" (").append(pair.changePercent().map(Comparison::percent).orElse("–"))
                            .append(")</td>");
                }
                html.append("</tr>\n");
            }
            html.append("<tr class=\"summary\"><td>all</td>");
            byMetric.forEach(m -> html.append("<td data-metric=\"").append(m.metric().field()).append("\">")
                    .append(Markup.escape(m.summary())).append("</td>"));
            html.append("</tr>\n</table>\n");
        }
    }
}
