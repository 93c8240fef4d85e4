package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * What an admin sees in Keycloak's own command-line tool, {@code kcadm.sh} from the distribution: the product's
 * refusals with their text (kcadm prints {@code errorMessage}), not {@code null [invalid_request]}.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class KcadmIT extends RegistryTestBase {

    private record Run(int exit, String output) {
    }

    private static Path kcadm() throws Exception {
        Path home = Path.of("target", "kcadm").toAbsolutePath();
        Path script = home.resolve("bin").resolve("kcadm.sh");
        if (!Files.exists(script)) {
            Files.createDirectories(home);
            Process unzip = new ProcessBuilder("unzip", "-q", "-o", System.getProperty("partner-access.dist.zip"),
                    "*/bin/kcadm.sh", "*/bin/client/*", "-d", home.toString()).redirectErrorStream(true).start();
            assertThat(unzip.waitFor(2, TimeUnit.MINUTES)).isTrue();
            try (var dirs = Files.list(home)) {
                Path unpacked = dirs.filter(d -> d.getFileName().toString().startsWith("keycloak-")).findFirst().orElseThrow();
                Files.move(unpacked.resolve("bin"), home.resolve("bin"));
            }
        }
        return script;
    }

    private Run kcadm(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(kcadm().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", Path.of("target", "kcadm", "kcadm.config").toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("kcadm %s", List.of(args)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes()));
    }

    @Test
    void kcadmShowsTheProductsRefusalsInTheirOwnWords() throws Exception {
        ensurePolicy();
        createPartner("Kcadm Partner", "kcadm.example", "gold", "EMEA");
        Run login = kcadm("config", "credentials", "--server", urls.getBase(), "--realm", realm.getName(),
                "--user", "ops-admin", "--password", PartnersRealm.PASSWORD);
        assertThat(login.exit()).as(login.output()).isZero();

        Run intake = kcadm("create", "partner-access/partners", "-r", realm.getName(), "-s", "name=Half a Partner");
        assertThat(intake.exit()).isNotZero();
        assertThat(intake.output()).contains("'domains'").doesNotContain("null [invalid_request]");

        Run governed = kcadm("add-roles", "-r", realm.getName(), "--uusername", "nora.northwind", "--rolename", "deal-registration");
        assertThat(governed.exit()).isNotZero();
        assertThat(governed.output()).contains("governed by Partner Access").contains("partner-access/requests");
        assertThat(realm.admin().users().get(userId("nora.northwind")).roles().realmLevel().listAll())
                .extracting(r -> r.getName()).doesNotContain("deal-registration");
    }
}
