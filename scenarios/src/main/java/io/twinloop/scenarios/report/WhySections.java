package io.twinloop.scenarios.report;

import java.util.Locale;
import java.util.Optional;

/**
 * The report's answers to "where and why not": per published figure a table of what the margin depends on and a
 * paragraph that says what the baseline leaves to win — energy by machine state ({@link EnergySplit}), the
 * machines' stops ({@link StopTime}) and the busiest machine's hours ({@link BottleneckTime}).
 */
final class WhySections {

    private WhySections() {
    }

    static void render(final StringBuilder html, final ScenarioSummary scenario) {
        energy(html, EnergySplit.of(scenario));
        stops(html, StopTime.of(scenario));
        BottleneckTime.of(scenario).ifPresent(bottleneck -> bottleneck(html, bottleneck));
    }

    /** Where each policy's energy went, by machine state, and what the baseline's split bounds. */
    private static void energy(final StringBuilder html, final EnergySplit split) {
        if (split.isEmpty()) {
            return;
        }
        html.append("<table class=\"energy\">\n<caption>Where the energy went, by machine state (mean kWh over "
                + "seeds, share of the policy's energy)</caption>\n<tr><th>policy</th>");
        split.states().forEach(state -> html.append("<th>").append(Markup.escape(state)).append("</th>"));
        html.append("<th>not producing</th></tr>\n");
        for (final String policy : split.meanKwh().keySet()) {
            final double total = split.total(policy);
            policyCell(html, policy);
            for (final String state : split.states()) {
                final double kwh = split.kwh(policy, state);
                html.append("<td class=\"num\" data-state=\"").append(Markup.escape(state)).append("\">")
                        .append(Markup.number(kwh)).append(share(kwh, total)).append("</td>");
            }
            html.append(String.format(Locale.ROOT, "<td class=\"num idle\">%.1f %%</td></tr>%n",
                    split.notProducingPercent(policy)));
        }
        html.append("</table>\n");
        why(html, "energy", split.why());
    }

    private static void stops(final StringBuilder html, final StopTime stops) {
        html.append("<table class=\"stops\">\n<caption>The machines' stops (mean per run, machine-hours)</caption>\n"
                + "<tr><th>policy</th><th>failures</th><th>unplanned</th><th>planned maintenance</th>"
                + "<th>all stops</th><th>all stops vs baseline</th></tr>\n");
        stops.byPolicy().forEach((policy, row) -> {
            policyCell(html, policy);
            html.append("<td class=\"num\">").append(Markup.number(row.failures())).append("</td><td class=\"num\">")
                    .append(Markup.number(row.unplannedHours())).append("</td><td class=\"num\">")
                    .append(Markup.number(row.plannedHours())).append("</td><td class=\"num\">")
                    .append(Markup.number(row.allHours())).append("</td><td class=\"num change\">")
                    .append(policy.equals(ScenarioSummary.BASELINE) ? "–"
                            : stops.allHoursChangePercent(policy).map(Comparison::percent).orElse("–"))
                    .append("</td></tr>\n");
        });
        html.append("</table>\n");
        why(html, "downtime", stops.why());
    }

    private static void bottleneck(final StringBuilder html, final BottleneckTime bottleneck) {
        html.append("<table class=\"bottleneck\" data-machine=\"").append(Markup.escape(bottleneck.machine()))
                .append("\">\n<caption>Where the busiest machine's time went: ")
                .append(Markup.escape(bottleneck.machine()))
                .append(" (mean hours per run, share of the staffed hours)</caption>\n<tr><th>policy</th>"
                        + "<th>staffed</th>");
        bottleneck.states().forEach(state -> html.append("<th>").append(Markup.escape(state)).append("</th>"));
        html.append("<th>speed while producing</th><th>good units</th></tr>\n");
        bottleneck.byPolicy().forEach((policy, row) -> {
            policyCell(html, policy);
            html.append("<td class=\"num\">").append(Markup.number(row.staffedHours())).append("</td>");
            for (final String state : bottleneck.states()) {
                html.append("<td class=\"num\" data-state=\"").append(Markup.escape(state)).append("\">")
                        .append(Markup.number(row.hours(state))).append(share(row.hours(state), row.staffedHours()))
                        .append("</td>");
            }
            html.append("<td class=\"num\">").append(Markup.number(row.runningSpeedPercent())).append(" %</td>")
                    .append("<td class=\"num\">").append(Markup.number(row.goodUnits())).append("</td></tr>\n");
        });
        html.append("</table>\n");
        why(html, "throughput", bottleneck.why());
    }

    private static void policyCell(final StringBuilder html, final String policy) {
        html.append("<tr data-policy=\"").append(Markup.escape(policy)).append("\"><td>").append(Markup.escape(policy))
                .append("</td>");
    }

    private static String share(final double part, final double whole) {
        return String.format(Locale.ROOT, " (%.1f %%)", whole == 0 ? 0 : part / whole * 100);
    }

    private static void why(final StringBuilder html, final String figure, final Optional<String> why) {
        why.ifPresent(text -> html.append("<p class=\"why\" data-figure=\"").append(figure).append("\">")
                .append(Markup.escape(text)).append("</p>\n"));
    }
}
