package io.twinloop.aas.validation;

import java.util.List;

/**
 * A read-only view of one node of a parsed AAS document, whichever its serialization.
 *
 * <p>The validators report locations as property names and indices ({@code
 * submodels[0].submodelElements[2].value}); turning those into idShort paths needs the ids and
 * idShorts of the elements along the way. Walking the parsed source document (JSON tree or XML DOM)
 * instead of aas-core's model objects works even when aas-core could not deserialize the document,
 * and the property names are the same in all three, so one path formatter serves every format.
 */
interface TreeNode {

    /** The value of property {@code name}, or {@code null} when it is absent. */
    TreeNode child(String name);

    /** The items of a list-valued node, in document order; empty for other nodes. */
    List<TreeNode> items();

    /** The text of scalar property {@code name}, or {@code null} when absent or not a scalar. */
    String text(String name);

    /** True for a SubmodelElementList, whose children are addressed by index, not by idShort. */
    boolean isSubmodelElementList();
}
