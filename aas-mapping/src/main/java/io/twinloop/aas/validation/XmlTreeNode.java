package io.twinloop.aas.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@link TreeNode} over an XML DOM element, used for XML input.
 *
 * <p>AAS XML names its elements after the JSON properties, with two differences that this class
 * hides: list properties are wrapper elements whose children are the items, and a property holding
 * one polymorphic object (an operation variable's {@code value}, a {@code dataSpecificationContent})
 * wraps an element named after the object's class. Unwrapping the latter makes the tree look like
 * the JSON one, so aas-core's property-name paths resolve the same way for both formats.
 */
final class XmlTreeNode implements TreeNode {

    /** XML elements (AAS v3.0/v3.1 XSD) whose children are the items of a list. */
    private static final Set<String> LIST_ELEMENTS =
            Set.of(
                    "assetAdministrationShells", "submodels", "conceptDescriptions", "submodelElements",
                    "statements", "annotations", "extensions", "supplementalSemanticIds", "refersTo",
                    "displayName", "description", "embeddedDataSpecifications", "qualifiers",
                    "specificAssetIds", "inputVariables", "outputVariables", "inoutputVariables", "keys",
                    "isCaseOf", "preferredName", "shortName", "definition", "valueReferencePairs");

    /** Elements whose {@code value} child is a list (of elements or of language strings). */
    private static final Set<String> LIST_VALUE_OWNERS =
            Set.of("submodelElementCollection", "submodelElementList", "multiLanguageProperty");

    private final Element element;

    private XmlTreeNode(Element element) {
        this.element = element;
    }

    /** Wraps {@code element}, stepping into the class element of single polymorphic values. */
    static XmlTreeNode of(Element element) {
        if (element == null) {
            return null;
        }
        Element target = isPolymorphicWrapper(element) ? firstChildElement(element) : element;
        return new XmlTreeNode(target == null ? element : target);
    }

    @Override
    public TreeNode child(String name) {
        for (Element child : childElements(element)) {
            if (name.equals(child.getLocalName())) {
                return of(child);
            }
        }
        return null;
    }

    @Override
    public List<TreeNode> items() {
        List<TreeNode> items = new ArrayList<>();
        if (isList(element)) {
            childElements(element).forEach(child -> items.add(of(child)));
        }
        return items;
    }

    @Override
    public String text(String name) {
        for (Element child : childElements(element)) {
            if (name.equals(child.getLocalName()) && childElements(child).isEmpty()) {
                return child.getTextContent().strip();
            }
        }
        return null;
    }

    @Override
    public boolean isSubmodelElementList() {
        return "submodelElementList".equals(element.getLocalName());
    }

    /**
     * The property-name/index segments leading from the document element to {@code element}, in the
     * form aas-core uses, so that XSD errors (which only know an element) get an idShort path too.
     */
    static List<Object> segmentsOf(Element element) {
        Deque<Object> segments = new ArrayDeque<>();
        Node current = element;
        while (current instanceof Element && current.getParentNode() instanceof Element) {
            Element child = (Element) current;
            Element parent = (Element) current.getParentNode();
            if (!isPolymorphicWrapper(parent)) {
                segments.addFirst(isList(parent) ? (Object) childElements(parent).indexOf(child) : child.getLocalName());
            }
            current = parent;
        }
        return new ArrayList<>(segments);
    }

    private static boolean isList(Element element) {
        String name = element.getLocalName();
        if (LIST_ELEMENTS.contains(name)) {
            return true;
        }
        Node parent = element.getParentNode();
        String parentName = parent instanceof Element ? parent.getLocalName() : "";
        return "value".equals(name) && LIST_VALUE_OWNERS.contains(parentName);
    }

    private static boolean isPolymorphicWrapper(Element element) {
        Node parent = element.getParentNode();
        String parentName = parent instanceof Element ? parent.getLocalName() : "";
        return "dataSpecificationContent".equals(element.getLocalName())
                || ("value".equals(element.getLocalName()) && "operationVariable".equals(parentName));
    }

    private static Element firstChildElement(Element element) {
        List<Element> children = childElements(element);
        return children.isEmpty() ? null : children.get(0);
    }

    private static List<Element> childElements(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element) {
                children.add((Element) child);
            }
        }
        return children;
    }
}
