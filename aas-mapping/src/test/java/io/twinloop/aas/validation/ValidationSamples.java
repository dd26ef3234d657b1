package io.twinloop.aas.validation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small but complete AAS 3.0 environment in JSON and XML, valid for all checks: a shell
 * referencing a submodel with a collection (property with qualifier, multi-language property), a
 * list of three properties, and a concept description. Tests break one thing at a time with {@link
 * #replace}, so each test shows exactly which change produces which violation.
 */
final class ValidationSamples {

    static final String VALID_JSON =
            """
            {
                "assetAdministrationShells": [
                    {
                        "modelType": "AssetAdministrationShell",
                        "id": "urn:x:aas:1",
                        "idShort": "MotorShell",
                        "assetInformation": {"assetKind": "Instance", "globalAssetId": "urn:x:asset:1"},
                        "submodels": [
                            {"type": "ModelReference", "keys": [{"type": "Submodel", "value": "urn:x:sm:1"}]}
                        ]
                    }
                ],
                "submodels": [
                    {
                        "modelType": "Submodel",
                        "id": "urn:x:sm:1",
                        "idShort": "TechnicalData",
                        "submodelElements": [
                            {
                                "modelType": "SubmodelElementCollection",
                                "idShort": "Motor",
                                "value": [
                                    {
                                        "modelType": "Property",
                                        "idShort": "MaxSpeed",
                                        "valueType": "xs:int",
                                        "value": "1500",
                                        "qualifiers": [{"type": "Unit", "valueType": "xs:string", "value": "rpm"}]
                                    },
                                    {
                                        "modelType": "MultiLanguageProperty",
                                        "idShort": "Label",
                                        "value": [{"language": "en", "text": "Main motor"}]
                                    }
                                ]
                            },
                            {
                                "modelType": "SubmodelElementList",
                                "idShort": "Values",
                                "typeValueListElement": "Property",
                                "valueTypeListElement": "xs:double",
                                "value": [
                                    {"modelType": "Property", "valueType": "xs:double", "value": "1.5"},
                                    {"modelType": "Property", "valueType": "xs:double", "value": "2.5"},
                                    {"modelType": "Property", "valueType": "xs:double", "value": "3.5"}
                                ]
                            }
                        ]
                    }
                ],
                "conceptDescriptions": [
                    {"modelType": "ConceptDescription", "id": "urn:x:cd:maxSpeed", "idShort": "MaxSpeedConcept"}
                ]
            }
            """;

    static final String VALID_XML =
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <environment xmlns="https://admin-shell.io/aas/3/0">
                <assetAdministrationShells>
                    <assetAdministrationShell>
                        <idShort>MotorShell</idShort>
                        <id>urn:x:aas:1</id>
                        <assetInformation>
                            <assetKind>Instance</assetKind>
                            <globalAssetId>urn:x:asset:1</globalAssetId>
                        </assetInformation>
                        <submodels>
                            <reference>
                                <type>ModelReference</type>
                                <keys>
                                    <key>
                                        <type>Submodel</type>
                                        <value>urn:x:sm:1</value>
                                    </key>
                                </keys>
                            </reference>
                        </submodels>
                    </assetAdministrationShell>
                </assetAdministrationShells>
                <submodels>
                    <submodel>
                        <idShort>TechnicalData</idShort>
                        <id>urn:x:sm:1</id>
                        <submodelElements>
                            <submodelElementCollection>
                                <idShort>Motor</idShort>
                                <value>
                                    <property>
                                        <idShort>MaxSpeed</idShort>
                                        <qualifiers>
                                            <qualifier>
                                                <type>Unit</type>
                                                <valueType>xs:string</valueType>
                                                <value>rpm</value>
                                            </qualifier>
                                        </qualifiers>
                                        <valueType>xs:int</valueType>
                                        <value>1500</value>
                                    </property>
                                    <multiLanguageProperty>
                                        <idShort>Label</idShort>
                                        <value>
                                            <langStringTextType>
                                                <language>en</language>
                                                <text>Main motor</text>
                                            </langStringTextType>
                                        </value>
                                    </multiLanguageProperty>
                                </value>
                            </submodelElementCollection>
                            <submodelElementList>
                                <idShort>Values</idShort>
                                <typeValueListElement>Property</typeValueListElement>
                                <valueTypeListElement>xs:double</valueTypeListElement>
                                <value>
                                    <property>
                                        <valueType>xs:double</valueType>
                                        <value>1.5</value>
                                    </property>
                                    <property>
                                        <valueType>xs:double</valueType>
                                        <value>2.5</value>
                                    </property>
                                    <property>
                                        <valueType>xs:double</valueType>
                                        <value>3.5</value>
                                    </property>
                                </value>
                            </submodelElementList>
                        </submodelElements>
                    </submodel>
                </submodels>
                <conceptDescriptions>
                    <conceptDescription>
                        <idShort>MaxSpeedConcept</idShort>
                        <id>urn:x:cd:maxSpeed</id>
                    </conceptDescription>
                </conceptDescriptions>
            </environment>
            """;

    private ValidationSamples() {}

    /** {@code text} with the single occurrence of {@code from} replaced; fails if it is not unique. */
    static String replace(String text, String from, String to) {
        int first = text.indexOf(from);
        assertThat(first).as("fixture contains %s", from).isNotNegative();
        assertThat(text.indexOf(from, first + 1)).as("fixture contains %s only once", from).isNegative();
        return text.substring(0, first) + to + text.substring(first + from.length());
    }
}
