package dev.partneraccess.it;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/** The one server of the suite: Keycloak with the deployable jar from this build. Every test class names this config. */
public final class PartnerAccessServerConfig implements KeycloakServerConfig {

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        // The test clock lets tests move the server's time; it is never part of the deployable jar.
        // Small sweep batches so a few grants span several batches; the scheduled sweep waits an hour, so within the
        // suite only POST /sweep runs it and the tests' counts are their own.
        return config.dependency("dev.partneraccess", "partner-access-dist")
                .dependency("dev.partneraccess", "partner-access-test-clock")
                .spiOption("jpa-entity-provider", "partner-access", "sweep-batch-size", "2")
                .spiOption("jpa-entity-provider", "partner-access", "sweep-interval", "3600")
                .option("metrics-enabled", "true");
    }
}
