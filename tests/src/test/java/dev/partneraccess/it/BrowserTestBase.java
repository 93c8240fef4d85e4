package dev.partneraccess.it;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.realm.ManagedRealm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the login tests share: a realm wired for partner logins by {@code POST /setup}, one headless browser per test
 * class, and the "application" the browser is sent back to once a login succeeds.
 */
abstract class BrowserTestBase extends PartnerAccessTestBase {

    static Browser browser;

    @InjectRealm(config = WiredPartnersRealm.class)
    ManagedRealm realm;

    @Override
    ManagedRealm realm() {
        return realm;
    }

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

    /** Wires the realm the first time; later calls change nothing. */
    @BeforeEach
    void wire() {
        PartnerWiring.setup(ops());
    }

    /** Opens the client's login page, as an application redirecting its user to Keycloak does. */
    void startLogin(String clientId, String language, String extra) {
        browser.open(urls.getBase() + "/realms/" + realm.getName() + "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&scope=openid&ui_locales=" + language + "&redirect_uri=" + Api.q(application()) + extra);
    }

    String application() {
        return urls.getBase() + "/realms/" + realm.getName() + "/.well-known/openid-configuration";
    }

    /** The browser came back to the application with an authorization code: the user is in. */
    void assertReachedApplication() throws InterruptedException {
        for (int i = 0; i < 50 && !browser.url().startsWith(application()); i++) {
            Thread.sleep(100);
        }
        assertThat(browser.url()).as(browser.page()).startsWith(application()).contains("code=");
    }

    /** Keeps a picture of the page for docs/ when -Dpartner-access.screenshots names a folder. */
    void screenshot(String name) throws Exception {
        String folder = System.getProperty("partner-access.screenshots");
        if (folder != null && !folder.isBlank()) {
            browser.screenshot(Path.of(folder, name));
        }
    }
}
