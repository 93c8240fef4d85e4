package dev.partneraccess.it;

import java.nio.file.Path;

import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/** The one server of the suite: Keycloak with the deployable jar from this build. Every test class names this config. */
public final class PartnerAccessServerConfig implements KeycloakServerConfig {

    /** The server's log file for this suite run, read by {@link ServerLogIT} at the end. */
    static final Path SERVER_LOG = Path.of("target", "server-logs", "keycloak-" + ProcessHandle.current().pid() + ".log")
            .toAbsolutePath();

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        // The test clock lets tests move the server's time; it is never part of the deployable jar.
        // Small sweep batches so a few grants span several batches; the scheduled sweep waits an hour, so within the
        // suite only POST /sweep runs it and the tests' counts are their own (ScheduledSweepIT runs the timer on a node
        // of its own). The log also goes to a file, which ServerLogIT reads at the end.
        config.log().handlers(KeycloakServerConfigBuilder.LogHandlers.CONSOLE, KeycloakServerConfigBuilder.LogHandlers.FILE);
        return config.option("log-file", SERVER_LOG.toString())
                .dependency("dev.partneraccess", "partner-access-dist")
                .dependency("dev.partneraccess", "partner-access-test-clock")
                .spiOption("partner-access", "default", "sweep-batch-size", "2")
                .spiOption("partner-access", "default", "sweep-interval", "3600")
                .option("metrics-enabled", "true");
    }
}
