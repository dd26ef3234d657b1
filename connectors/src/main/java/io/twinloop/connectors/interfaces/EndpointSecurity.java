package io.twinloop.connectors.interfaces;

import java.util.Objects;

/**
 * How the AID asks to reach an OPC UA endpoint, from the schemes {@code EndpointMetadata/security} refers to:
 * {@code opcua_channel_sc} ({@code uav_securityPolicy}, {@code uav_securityMode}) and
 * {@code opcua_authentication_sc} ({@code uav_userIdentityToken}). Credentials are never in the AAS; they come
 * from the connector's configuration.
 *
 * @param securityPolicy e.g. {@code Basic256Sha256}, or {@code None}
 * @param securityMode {@code SignAndEncrypt}, {@code Sign} or {@code None}
 * @param userIdentityToken {@code username} or {@code anonymous}
 */
public record EndpointSecurity(String securityPolicy, String securityMode, String userIdentityToken) {

    public static final EndpointSecurity NONE = new EndpointSecurity("None", "None", "anonymous");

    public EndpointSecurity {
        Objects.requireNonNull(securityPolicy, "securityPolicy");
        Objects.requireNonNull(securityMode, "securityMode");
        Objects.requireNonNull(userIdentityToken, "userIdentityToken");
    }

    @Override
    public String toString() {
        return securityPolicy + "/" + securityMode + "/" + userIdentityToken;
    }
}
