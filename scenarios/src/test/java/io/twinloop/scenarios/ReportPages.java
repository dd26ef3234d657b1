package io.twinloop.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinloop.scenarios.report.Metric;
import io.twinloop.scenarios.report.ReportException;
import io.twinloop.scenarios.report.ReportWriter;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Made-up run results for {@code bench report}, and reading the page it writes. */
final class ReportPages {

    private ReportPages() {
    }

    /** A result as the runner writes it, with made-up figures (1.5 for every metric). */
    static ObjectNode result(final String scenario, final String policy, final long seed) {
        final ObjectNode node = ScenarioFiles.JSON.createObjectNode().put("scenario", scenario).put("policy", policy)
                .put("seed", seed).put("days", 1.0);
        for (final Metric metric : Metric.values()) {
            node.put(metric.field(), 1.5);
        }
        return node;
    }

    /** {@code bench report} refuses the inputs with {@code message} and writes no page. */
    static void refused(final List<Path> inputs, final Path out, final String message) {
        assertThatThrownBy(() -> ReportWriter.write(inputs, out)).isInstanceOf(ReportException.class)
                .hasMessageContaining(message);
        assertThat(out).doesNotExist();
    }

    /** The page as XML: the report is XHTML, so it must parse. */
    static Document parse(final Path file) throws Exception {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** The first element named {@code tag} whose {@code attribute} is {@code value}; null when none. */
    static Element element(final Document page, final String tag, final String attribute, final String value) {
        final NodeList elements = page.getElementsByTagName(tag);
        for (int i = 0; i < elements.getLength(); i++) {
            final Element element = (Element) elements.item(i);
            if (element.getAttribute(attribute).equals(value)) {
                return element;
            }
        }
        return null;
    }
}
