package io.twinloop.connectors.interfaces;

/** The semantic ids and idShorts of IDTA 02017 (AID) and IDTA 02027 (AIMC) that the reader relies on. */
final class AasSemantics {

    /** Prefix of the AID submodel's semanticId in every version (1.0: {@code .../1/0/Submodel}, 1.1: {@code .../1/1/Submodel}). */
    static final String AID_SUBMODEL_PREFIX = "https://admin-shell.io/idta/AssetInterfacesDescription/";
    static final String AIMC_SUBMODEL_PREFIX = "https://admin-shell.io/idta/AssetInterfacesMappingConfiguration/";

    static final String ENDPOINT_METADATA = "EndpointMetadata";
    static final String BASE = "base";
    static final String SECURITY = "security";
    static final String SECURITY_DEFINITIONS = "securityDefinitions";
    static final String SCHEME = "scheme";
    static final String UA_CHANNEL_SCHEME = "ua_channelsec";
    static final String UA_AUTHENTICATION_SCHEME = "ua_authentication";
    static final String NO_SECURITY_SCHEME = "nosec";
    static final String UA_SECURITY_POLICY = "uav_securityPolicy";
    static final String UA_SECURITY_MODE = "uav_securityMode";
    static final String UA_USER_IDENTITY_TOKEN = "uav_userIdentityToken";

    static final String INTERACTION_METADATA = "InteractionMetadata";
    static final String PROPERTIES = "properties";
    static final String TYPE = "type";
    static final String MIN_MAX = "min_max";
    static final String ENUM = "enum";
    static final String READ_ONLY = "readOnly";
    static final String ITEMS = "items";
    static final String FORMS = "forms";
    static final String HREF = "href";
    /**
     * TwinLoop's form term (like the Modbus binding's {@code modv_pollingTime}, which OPC UA's binding lacks): the
     * node's sampling interval in milliseconds, semanticId {@link #SAMPLING_INTERVAL_SEMANTIC_ID}.
     */
    static final String SAMPLING_INTERVAL = "twinloop_samplingInterval";
    static final String SAMPLING_INTERVAL_SEMANTIC_ID = "urn:twinloop:semantics:aid:samplingInterval";

    static final String MAPPING_CONFIGURATIONS = "MappingConfigurations";
    static final String INTERFACE_REFERENCE = "InterfaceReference";
    static final String MAPPING_SOURCE_SINK_RELATIONS = "MappingSourceSinkRelations";

    /** TwinLoop's qualifier on an AIMC relation (see {@link Direction}). */
    static final String DIRECTION_QUALIFIER = "TwinLoopDirection";
    /** TwinLoop's qualifier on an AIMC relation to a list of collections: the items' field the array fills. */
    static final String LIST_FIELD_QUALIFIER = "TwinLoopListField";

    static final String OPC_TCP = "opc.tcp://";
    /** The schemes of Hono's protocol adapters a device behind Hono may be described with. */
    static final java.util.List<String> HONO_ADAPTER_SCHEMES = java.util.List.of("mqtt://", "mqtts://", "http://",
            "https://");

    /** {@code assetInformation.specificAssetIds} names identifying a device behind Hono. */
    static final String HONO_TENANT_ID = "HonoTenantId";
    static final String HONO_DEVICE_ID = "HonoDeviceId";

    private AasSemantics() {
    }
}
