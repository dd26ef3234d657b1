package io.twinloop.aas.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** {@link TreeNode} over a Jackson tree, used for JSON input. */
final class JsonTreeNode implements TreeNode {

    private final JsonNode node;

    private JsonTreeNode(JsonNode node) {
        this.node = node;
    }

    /** Wraps {@code node}; {@code null} or missing nodes give {@code null}. */
    static JsonTreeNode of(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : new JsonTreeNode(node);
    }

    @Override
    public TreeNode child(String name) {
        return node.isObject() ? of(node.get(name)) : null;
    }

    @Override
    public List<TreeNode> items() {
        List<TreeNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> items.add(new JsonTreeNode(item)));
        }
        return items;
    }

    @Override
    public String text(String name) {
        JsonNode value = node.isObject() ? node.get(name) : null;
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    @Override
    public boolean isSubmodelElementList() {
        return "SubmodelElementList".equals(text("modelType"));
    }

    /**
     * Resolves property-name/index segments (as produced by {@link ModelPaths}) against {@code root};
     * returns {@code null} when the path leaves the tree.
     */
    static JsonNode resolve(JsonNode root, List<Object> segments) {
        JsonNode current = root;
        for (Object segment : segments) {
            if (current == null) {
                return null;
            }
            current = segment instanceof Integer ? current.get((Integer) segment) : current.get((String) segment);
        }
        return current;
    }
}
