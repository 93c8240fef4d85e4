package dev.partneraccess.core.wiring;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.ProtocolMapper;
import org.keycloak.provider.ConfiguredProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;

/**
 * Every option of the claims mapper with the default it declares. Setup writes them all out: the admin console shows
 * an option that is missing from a mapper's config as Off, and saves it so, whatever the server would do without it.
 */
final class MapperOptions {

    private MapperOptions() {
    }

    static Map<String, String> defaults(KeycloakSession session) {
        ProviderFactory<ProtocolMapper> factory = session.getKeycloakSessionFactory()
                .getProviderFactory(ProtocolMapper.class, RealmWiring.CLAIMS_MAPPER);
        Map<String, String> options = new LinkedHashMap<>();
        if (factory instanceof ConfiguredProvider configured) {
            for (ProviderConfigProperty property : configured.getConfigProperties()) {
                if (property.getDefaultValue() != null) {
                    options.put(property.getName(), String.valueOf(property.getDefaultValue()));
                }
            }
        }
        return options;
    }
}
