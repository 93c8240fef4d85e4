package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * Runs after every other test class of the suite (see junit-platform.properties): the suite's server must not have
 * logged a single ERROR from our code while the whole suite ran against it, whatever the tests themselves asserted.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
@Order(Integer.MAX_VALUE)
class ServerLogIT {

    @Test
    void theSuitesServerLoggedNoErrorFromOurCode() throws Exception {
        assertThat(PartnerAccessServerConfig.SERVER_LOG).exists();
        String log = Files.readString(PartnerAccessServerConfig.SERVER_LOG);
        assertThat(log).as("the server's log file").contains("Keycloak");
        assertThat(ServerLog.errorsFromProduct(log)).as("ERROR entries from our code in " + PartnerAccessServerConfig.SERVER_LOG)
                .isEmpty();
    }

    // The reader itself, on a log whose entries are known.

    private static final String LOG = """
            2026-12-01 07:40:29,400 INFO  [org.keycloak.services] (main) KC-SERVICES0050: Initializing master realm
            2026-12-01 07:40:29,501 ERROR [org.keycloak.services.error.KeycloakErrorHandler] (executor-thread-2) Uncaught server error: org.keycloak.models.ModelException: not allowed
            \tat org.keycloak.models.jpa.JpaRealmProvider.search(JpaRealmProvider.java:10)
            \tat dev.partneraccess.core.partner.PartnerService.update(PartnerService.java:283)
            2026-12-01 07:40:30,000 ERROR [org.keycloak.events] (executor-thread-3) something of Keycloak's own
            \tat org.keycloak.Other.run(Other.java:1)
            2026-12-01 07:40:31,000 WARN  [dev.partneraccess.core.access.Mailer] (executor-thread-4) could not send
            2026-12-01 07:40:32,000 ERROR [dev.partneraccess.core.access.ExpirySweep] (timer) partner access sweep of realm r failed
            2026-12-01 07:40:33,000 ERROR [org.keycloak.services] (executor-thread-7) KC-SERVICES0029: Failed to send email: org.keycloak.email.EmailException: Non authenticated connect failed
            	at org.keycloak.email.DefaultEmailSenderProvider.send(DefaultEmailSenderProvider.java:92)
            	at dev.partneraccess.core.access.Mailer$1.commitImpl(Mailer.java:44)
            """;

    @Test
    void theLogReaderFindsTheErrorEntriesOfOurCategoriesAndOfOurStackFramesOnly() {
        assertThat(ServerLog.errorsFromProduct(LOG)).hasSize(2)
                .anySatisfy(e -> assertThat(e).contains("Uncaught server error").contains("PartnerService.update"))
                .anySatisfy(e -> assertThat(e).contains("[dev.partneraccess.core.access.ExpirySweep]"));
    }

    @Test
    void theLogReaderFindsNothingInACleanLog() {
        assertThat(ServerLog.errorsFromProduct("2026-12-01 07:40:29,400 INFO  [org.keycloak.services] (main) started\n")).isEmpty();
    }
}
