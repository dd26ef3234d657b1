package io.twinloop.scenarios.report;

import java.util.List;

/**
 * One metric of one scenario as an inline SVG: a horizontal bar per policy up to its mean over seeds, a whisker
 * from the smallest to the largest seed, and the figures in words beside it (so the chart reads without hovering).
 */
final class SpreadChart {

    private static final int WIDTH = 640;
    private static final int LABEL = 90;
    private static final int PLOT = 260;
    private static final int ROW = 28;
    private static final int TOP = 8;
    private static final List<String> COLOURS = List.of("#8a8f98", "#d08c2f", "#2f7bd0", "#5a9e4b", "#9b59b6");

    private SpreadChart() {
    }

    static String render(final Metric metric, final List<PolicySummary> policies) {
        final double scale = scale(metric, policies);
        final int height = TOP * 2 + ROW * policies.size();
        final StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(Markup.escape(metric.title()))
                .append(" per policy: mean with min–max over seeds\">\n");
        svg.append("<line x1=\"").append(LABEL).append("\" y1=\"").append(TOP / 2).append("\" x2=\"").append(LABEL)
                .append("\" y2=\"").append(height - TOP / 2).append("\" class=\"axis\"/>\n");
        for (int i = 0; i < policies.size(); i++) {
            row(svg, policies.get(i), metric, scale, TOP + i * ROW, COLOURS.get(Math.min(i, COLOURS.size() - 1)));
        }
        return svg.append("</svg>").toString();
    }

    private static void row(final StringBuilder svg, final PolicySummary policy, final Metric metric,
            final double scale, final int y, final String colour) {
        final Spread spread = policy.spread(metric);
        final double middle = y + ROW / 2.0;
        svg.append("<text x=\"").append(LABEL - 6).append("\" y=\"").append(Markup.coordinate(middle + 4))
                .append("\" text-anchor=\"end\">").append(Markup.escape(policy.policy())).append("</text>\n");
        if (spread.isEmpty()) {
            text(svg, LABEL + 6, middle, "no value in any run");
            return;
        }
        final double barEnd = x(spread.mean(), scale);
        svg.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y + 5).append("\" width=\"")
                .append(Markup.coordinate(barEnd - LABEL)).append("\" height=\"").append(ROW - 10)
                .append("\" fill=\"").append(colour).append("\"><title>").append(Markup.escape(policy.policy()))
                .append(" mean ").append(Markup.number(spread.mean())).append("</title></rect>\n");
        final double low = x(spread.min(), scale);
        final double high = x(spread.max(), scale);
        line(svg, low, middle, high, middle);
        line(svg, low, middle - 6, low, middle + 6);
        line(svg, high, middle - 6, high, middle + 6);
        final String runs = spread.runs() + (spread.runs() == 1 ? " seed" : " seeds")
                + (spread.missing() > 0 ? ", " + spread.missing() + " without a value" : "");
        text(svg, LABEL + PLOT + 16, middle, "mean " + Markup.number(spread.mean()) + " (" + Markup.number(spread.min())
                + " – " + Markup.number(spread.max()) + ", " + runs + ")");
    }

    private static double scale(final Metric metric, final List<PolicySummary> policies) {
        final double largest = policies.stream().map(p -> p.spread(metric)).filter(s -> !s.isEmpty())
                .mapToDouble(Spread::max).max().orElse(0);
        return largest > 0 ? PLOT / largest : 0; // all zero: bars of no length, which is the truth
    }

    private static double x(final double value, final double scale) {
        return LABEL + value * scale;
    }

    private static void line(final StringBuilder svg, final double x1, final double y1, final double x2,
            final double y2) {
        svg.append("<line x1=\"").append(Markup.coordinate(x1)).append("\" y1=\"").append(Markup.coordinate(y1))
                .append("\" x2=\"").append(Markup.coordinate(x2)).append("\" y2=\"").append(Markup.coordinate(y2))
                .append("\" class=\"whisker\"/>\n");
    }

    private static void text(final StringBuilder svg, final double x, final double middle, final String text) {
        svg.append("<text x=\"").append(Markup.coordinate(x)).append("\" y=\"").append(Markup.coordinate(middle + 4))
                .append("\">").append(Markup.escape(text)).append("</text>\n");
    }
}
