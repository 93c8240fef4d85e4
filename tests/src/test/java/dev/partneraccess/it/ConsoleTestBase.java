package dev.partneraccess.it;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * What the console's browser tests share: one headless browser per test class, the console client sent back to the
 * console's own pages, and signing in to a console page through Keycloak's login page.
 */
abstract class ConsoleTestBase extends AccessTestBase {

    static Browser browser;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** Points the console client at the console's pages of this realm the first time; later calls change nothing. */
    @BeforeEach
    void consoleClient() {
        ClientRepresentation console = realm.admin().clients().findByClientId(AccessRealm.CONSOLE).get(0);
        String path = "/realms/" + realm.getName() + "/partner-access/console/";
        if (!List.of(path + "*").equals(console.getRedirectUris())) {
            ClientResource resource = realm.admin().clients().get(console.getId());
            console.setRedirectUris(List.of(path + "*"));
            console.setBaseUrl(path);
            try {
                resource.update(console);
            } catch (jakarta.ws.rs.InternalServerErrorException cacheRace) {
                // Keycloak's client cache can miss a client of a realm created moments before ("Not found in
                // database", seen once on PostgreSQL); the same update a moment later goes through.
                resource.update(console);
            }
        }
    }

    String console(String route) {
        return urls.getBase() + "/realms/" + realm.getName() + "/partner-access/console/" + route;
    }

    /** Opens a console page as the user, through Keycloak's login page, and waits until the console has loaded. */
    void signIn(String username, String route) {
        browser.open(console(route));
        browser.forgetSessions();
        browser.open(console(route));
        browser.type("#username", username);
        if (!browser.has("#password")) {
            // Organizations on: Keycloak may ask for the username first, then for the password.
            browser.submit("#kc-login");
        }
        browser.type("#password", PartnersRealm.PASSWORD);
        browser.submit("#kc-login");
        browser.waitForText("#pa-user", username);
    }

    /** Saves the page as {@code name} in the folder the build names for screenshots, when it names one. */
    void screenshot(String name) throws Exception {
        String folder = System.getProperty("partner-access.screenshots");
        if (folder != null && !folder.isBlank()) {
            browser.screenshot(java.nio.file.Path.of(folder, name));
        }
    }
}
