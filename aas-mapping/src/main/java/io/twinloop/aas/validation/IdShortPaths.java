package io.twinloop.aas.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns property-name/index segments into the idShort path a modeller reads, by walking the
 * document along the segments and looking up ids and idShorts on the way.
 *
 * <p>{@code submodels[0].submodelElements[1].value[0].qualifiers[0].valueType} becomes {@code
 * submodels[urn:x:sm:1]/TechnicalData/Motor/MaxSpeed/qualifiers[0]/valueType}: identifiables by id,
 * referables in a containment list by idShort, SubmodelElementList children by index, everything
 * else by property name and index. Where the document does not have the element a segment names
 * (the error is about a missing or wrongly typed part) the remaining segments are kept verbatim.
 */
final class IdShortPaths {

    /** Top-level lists of the environment, whose items are identifiables shown by id. */
    private static final Set<String> IDENTIFIABLE_LISTS =
            Set.of("assetAdministrationShells", "submodels", "conceptDescriptions");

    /** Lists whose items are referables named by idShort in the path (the list name is omitted). */
    private static final Set<String> CONTAINMENT_LISTS =
            Set.of("submodelElements", "value", "statements", "annotations");

    private IdShortPaths() {}

    /** Formats {@code segments}, resolved from the environment {@code root}, as an idShort path. */
    static String format(TreeNode root, List<Object> segments) {
        List<String> parts = new ArrayList<>();
        TreeNode node = root;
        int i = 0;
        while (i < segments.size()) {
            Object segment = segments.get(i);
            boolean indexed = i + 1 < segments.size() && segments.get(i + 1) instanceof Integer;
            if (node == null) {
                appendVerbatim(parts, segment);
                i++;
            } else if (segment instanceof Integer) {
                appendVerbatim(parts, segment);
                node = itemAt(node, (Integer) segment);
                i++;
            } else if (indexed) {
                String name = (String) segment;
                int index = (Integer) segments.get(i + 1);
                TreeNode list = node.child(name);
                TreeNode item = list == null ? null : itemAt(list, index);
                appendItem(parts, node, name, index, item, i == 0);
                node = item;
                i += 2;
            } else {
                parts.add((String) segment);
                node = node.child((String) segment);
                i++;
            }
        }
        return parts.isEmpty() ? Violation.ROOT : String.join("/", parts);
    }

    private static void appendItem(
            List<String> parts, TreeNode parent, String name, int index, TreeNode item, boolean topLevel) {
        String id = item == null ? null : item.text("id");
        String idShort = item == null ? null : item.text("idShort");
        if (topLevel && IDENTIFIABLE_LISTS.contains(name)) {
            parts.add(name + "[" + (id != null && !id.isEmpty() ? id : "#" + index) + "]");
        } else if ("value".equals(name) && parent.isSubmodelElementList() && !parts.isEmpty()) {
            glue(parts, "[" + index + "]");
        } else if (CONTAINMENT_LISTS.contains(name) && idShort != null && !idShort.isEmpty()) {
            parts.add(idShort);
        } else {
            parts.add(name + "[" + index + "]");
        }
    }

    private static void appendVerbatim(List<String> parts, Object segment) {
        if (segment instanceof Integer && !parts.isEmpty()) {
            glue(parts, "[" + segment + "]");
        } else {
            parts.add(segment instanceof Integer ? "[" + segment + "]" : (String) segment);
        }
    }

    private static void glue(List<String> parts, String suffix) {
        int last = parts.size() - 1;
        parts.set(last, parts.get(last) + suffix);
    }

    private static TreeNode itemAt(TreeNode list, int index) {
        List<TreeNode> items = list.items();
        return index >= 0 && index < items.size() ? items.get(index) : null;
    }
}
