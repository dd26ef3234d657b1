package io.twinloop.aas.validation;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.eclipse.digitaltwin.aas4j.v3.dataformat.xml.XmlSchemaValidator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses an AAS XML document once, validating it against aas4j's XSD while building a DOM.
 *
 * <p>aas4j's {@code XmlSchemaValidator.validateSchema} stops at the first error and drops its line
 * and column. This class uses the same compiled schema (aas4j exposes it to subclasses) through a
 * {@link ValidatorHandler} with an error handler that collects every error together with its
 * position and the DOM element being read, from which {@link XmlTreeNode#segmentsOf} later derives
 * an idShort path. The DOM also serves the path translation of aas-core's findings and the
 * reference checks. The parser loads no external DTDs or entities.
 */
final class XmlSchemaCheck {

    /** An XSD error, the element it was reported in (null before the root) and its position. */
    record XsdError(Element element, int line, int column, String message) {}

    /** Either a syntax violation, or the parsed document and its XSD errors. */
    record Result(Violation syntaxError, Document document, List<XsdError> errors) {}

    private XmlSchemaCheck() {}

    /** Parses and validates {@code xml31}, which must use the namespace of aas4j's XSD. */
    static Result parse(String xml31) {
        DomBuilder builder;
        List<XsdError> errors = new ArrayList<>();
        try {
            builder = new DomBuilder();
            ValidatorHandler validator = CompiledXsd.SCHEMA.newValidatorHandler();
            validator.setContentHandler(builder);
            validator.setErrorHandler(new Collector(builder, errors));
            XMLReader reader = secureSaxFactory().newSAXParser().getXMLReader();
            reader.setContentHandler(validator);
            reader.setErrorHandler(new DefaultHandler()); // fatal errors still throw from parse()
            reader.parse(new InputSource(new StringReader(xml31)));
        } catch (SAXParseException e) {
            Violation syntax =
                    Violation.syntax(Math.max(1, e.getLineNumber()), Math.max(1, e.getColumnNumber()), e.getMessage());
            return new Result(syntax, null, List.of());
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return new Result(Violation.syntax(1, 1, String.valueOf(e.getMessage())), null, List.of());
        }
        return new Result(null, builder.document, errors);
    }

    private static SAXParserFactory secureSaxFactory() throws ParserConfigurationException, SAXException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory;
    }

    /** aas4j's compiled XSD, shared: compiling it takes a noticeable fraction of a second. */
    private static final class CompiledXsd extends XmlSchemaValidator {
        static final Schema SCHEMA = load();

        private CompiledXsd() throws SAXException {
            super();
        }

        private static Schema load() {
            try {
                return new CompiledXsd().schema;
            } catch (SAXException e) {
                throw new IllegalStateException("cannot compile aas4j's AAS.xsd", e);
            }
        }
    }

    /** Records schema errors with the element being read; lets fatal (well-formedness) errors abort. */
    private static final class Collector implements ErrorHandler {
        private final DomBuilder builder;
        private final List<XsdError> errors;

        Collector(DomBuilder builder, List<XsdError> errors) {
            this.builder = builder;
            this.errors = errors;
        }

        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a document invalid
        }

        @Override
        public void error(SAXParseException e) {
            errors.add(new XsdError(builder.current(), e.getLineNumber(), e.getColumnNumber(), e.getMessage()));
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    }

    /** Builds a DOM of elements and text from the SAX events that passed the validator. */
    private static final class DomBuilder extends DefaultHandler {
        final Document document;
        private final Deque<Element> open = new ArrayDeque<>();

        DomBuilder() throws ParserConfigurationException {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            document = factory.newDocumentBuilder().newDocument();
        }

        Element current() {
            return open.peek();
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            Element element = document.createElementNS(uri.isEmpty() ? null : uri, qName);
            if (open.isEmpty()) {
                document.appendChild(element);
            } else {
                open.peek().appendChild(element);
            }
            open.push(element);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            open.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.peek().appendChild(document.createTextNode(new String(ch, start, length)));
            }
        }
    }
}
