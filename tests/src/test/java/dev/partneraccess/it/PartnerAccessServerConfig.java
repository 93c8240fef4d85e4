package dev.partneraccess.it;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/** The one server of the suite: Keycloak with the deployable jar from this build. Every test class names this config. */
public final class PartnerAccessServerConfig implements KeycloakServerConfig {

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        // The test clock lets tests move the server's time; it is never part of the deployable jar.
        return config.dependency("dev.partneraccess", "partner-access-dist")
                .dependency("dev.partneraccess", "partner-access-test-clock");
    }
}
