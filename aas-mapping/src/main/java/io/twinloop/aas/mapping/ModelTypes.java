package io.twinloop.aas.mapping;

/** The {@code modelType} names of AAS v3 JSON that the value-only shape treats specially. */
final class ModelTypes {

    static final String PROPERTY = "Property";
    static final String MULTI_LANGUAGE_PROPERTY = "MultiLanguageProperty";
    static final String RANGE = "Range";
    static final String BLOB = "Blob";
    static final String FILE = "File";
    static final String REFERENCE_ELEMENT = "ReferenceElement";
    static final String RELATIONSHIP_ELEMENT = "RelationshipElement";
    static final String ANNOTATED_RELATIONSHIP_ELEMENT = "AnnotatedRelationshipElement";
    static final String ENTITY = "Entity";
    static final String COLLECTION = "SubmodelElementCollection";
    static final String LIST = "SubmodelElementList";
    static final String BASIC_EVENT_ELEMENT = "BasicEventElement";

    private ModelTypes() {
    }
}
