package io.twinloop.aas.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that identifiers and shell-to-submodel references are consistent within one environment.
 *
 * <p>Neither the schemas nor aas-core check this: ids must be globally unique, but aas-core's
 * verification looks at one element at a time, and a shell may legally reference a submodel served
 * elsewhere. For a file that TwinLoop maps onto Ditto things, though, a duplicate id makes the
 * mapping ambiguous and a shell reference to a submodel that is not in the file cannot be mapped,
 * so both are reported.
 */
final class ReferenceCheck {

    private static final List<String> IDENTIFIABLE_LISTS =
            List.of("assetAdministrationShells", "submodels", "conceptDescriptions");

    private ReferenceCheck() {}

    /** Duplicate ids among all identifiables, then dangling submodel references of every shell. */
    static List<Violation> check(TreeNode root) {
        List<Violation> violations = new ArrayList<>();
        duplicateIds(root, violations);
        danglingSubmodelReferences(root, violations);
        return violations;
    }

    private static void duplicateIds(TreeNode root, List<Violation> violations) {
        Map<String, List<List<Object>>> locationsById = new LinkedHashMap<>();
        for (String list : IDENTIFIABLE_LISTS) {
            List<TreeNode> items = items(root, list);
            for (int i = 0; i < items.size(); i++) {
                String id = items.get(i).text("id");
                if (id != null && !id.isEmpty()) {
                    locationsById.computeIfAbsent(id, k -> new ArrayList<>()).add(List.of(list, i));
                }
            }
        }
        locationsById.forEach(
                (id, locations) -> {
                    if (locations.size() > 1) {
                        List<String> where = new ArrayList<>();
                        locations.forEach(l -> where.add(l.get(0) + " at index " + l.get(1)));
                        violations.add(
                                Violation.reference(
                                        IdShortPaths.format(root, locations.get(0)),
                                        "duplicate id '" + id + "': used by " + locations.size()
                                                + " identifiables (" + String.join(", ", where) + "); ids must be unique"));
                    }
                });
    }

    private static void danglingSubmodelReferences(TreeNode root, List<Violation> violations) {
        Set<String> submodelIds = new HashSet<>();
        items(root, "submodels").forEach(submodel -> submodelIds.add(submodel.text("id")));
        List<TreeNode> shells = items(root, "assetAdministrationShells");
        for (int s = 0; s < shells.size(); s++) {
            List<TreeNode> references = items(shells.get(s), "submodels");
            for (int r = 0; r < references.size(); r++) {
                String target = submodelKey(references.get(r));
                if (target != null && !submodelIds.contains(target)) {
                    String path =
                            IdShortPaths.format(root, List.of("assetAdministrationShells", s, "submodels", r));
                    violations.add(
                            Violation.reference(
                                    path,
                                    "dangling submodel reference: no submodel with id '" + target
                                            + "' in this environment"));
                }
            }
        }
    }

    /** The value of the reference's Submodel key, or null if it has none. */
    private static String submodelKey(TreeNode reference) {
        for (TreeNode key : items(reference, "keys")) {
            if ("Submodel".equals(key.text("type"))) {
                return key.text("value");
            }
        }
        return null;
    }

    private static List<TreeNode> items(TreeNode node, String list) {
        TreeNode child = node == null ? null : node.child(list);
        return child == null ? List.of() : child.items();
    }
}
