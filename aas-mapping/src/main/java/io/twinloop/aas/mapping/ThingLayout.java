package io.twinloop.aas.mapping;

import org.eclipse.ditto.json.JsonPointer;

/**
 * Where the AAS lives in a thing (the contract in DESIGN.md, "Thing layout"):
 * <ul>
 * <li>{@code attributes/aas}: the shell as AAS v3 JSON (id, idShort, assetInformation, administration, ...);
 * for a thing that holds environment content not owned by a shell, {@code {"modelType": "Environment"}}.</li>
 * <li>{@code attributes/aas/submodelMetadata/<featureId>}: the submodel without its values (the skeleton),
 * so the submodel can be restored exactly.</li>
 * <li>{@code attributes/aas/supplementaryFiles}: package files stored beside the thing
 * ({@code path}, {@code size}, {@code sha256}).</li>
 * <li>{@code attributes/aas/conceptDescriptions}: concept descriptions (environment things only).</li>
 * <li>{@code features/<featureId>/properties}: the submodel's values in the AAS ValueOnly shape.</li>
 * </ul>
 */
public final class ThingLayout {

    public static final JsonPointer AAS = JsonPointer.of("/aas");
    public static final String SUBMODEL_METADATA = "submodelMetadata";
    public static final String SUPPLEMENTARY_FILES = "supplementaryFiles";
    public static final String CONCEPT_DESCRIPTIONS = "conceptDescriptions";
    public static final String MODEL_TYPE = "modelType";
    public static final String SHELL_MODEL_TYPE = "AssetAdministrationShell";
    public static final String ENVIRONMENT_MODEL_TYPE = "Environment";

    private ThingLayout() {
    }

    /** Whether a member of {@code attributes/aas} is the mapping's own rather than part of the shell. */
    public static boolean isMappingMember(final String name) {
        return SUBMODEL_METADATA.equals(name) || SUPPLEMENTARY_FILES.equals(name) || CONCEPT_DESCRIPTIONS.equals(name);
    }

    /** The place of a feature's values, as messages name it. */
    public static String propertiesPlace(final String featureId) {
        return "features/" + featureId + "/properties";
    }
}
