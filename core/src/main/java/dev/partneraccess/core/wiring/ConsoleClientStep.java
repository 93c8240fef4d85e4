package dev.partneraccess.core.wiring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/**
 * {@code console-client}: the public client the Partner Access console signs in with (authorization code with PKCE
 * S256, no secret, redirect back to the console served at {@code /realms/{realm}/partner-access/console/}).
 */
final class ConsoleClientStep implements WiringStep {

    private static final String PKCE = "pkce.code.challenge.method";

    @Override
    public String name() {
        return "console-client";
    }

    private static String consolePath(RealmModel realm) {
        return "/realms/" + realm.getName() + "/partner-access/console/";
    }

    private static boolean redirectsToConsole(ClientModel client, String path) {
        return client.getRedirectUris().stream().anyMatch(uri -> uri.equals(path + "*") || uri.endsWith(path + "*"));
    }

    private static List<String> problems(ClientModel client, String path) {
        List<String> problems = new ArrayList<>();
        if (!client.isPublicClient()) {
            problems.add("it is confidential, but the console runs in the browser and holds no secret");
        }
        if (!client.isStandardFlowEnabled()) {
            problems.add("its standard flow is off");
        }
        if (!"S256".equals(client.getAttribute(PKCE))) {
            problems.add("it does not require PKCE S256");
        }
        if (!redirectsToConsole(client, path)) {
            problems.add("no redirect URI points at " + path + "*");
        }
        return problems;
    }

    @Override
    public WiringCheck check(Target target) {
        String path = consolePath(target.realm());
        ClientModel client = target.realm().getClientByClientId(RealmWiring.CONSOLE_CLIENT);
        if (client == null) {
            return WiringCheck.failing(name(), "There is no client '" + RealmWiring.CONSOLE_CLIENT + "', so the console at "
                    + path + " cannot sign anyone in. POST /setup creates it: public, PKCE S256, redirect to the console"
                    + " (docs/console.md).");
        }
        List<String> problems = problems(client, path);
        if (problems.isEmpty()) {
            return WiringCheck.ok(name(), "'" + RealmWiring.CONSOLE_CLIENT + "' is public, requires PKCE S256 and"
                    + " redirects to " + path + ".");
        }
        return WiringCheck.failing(name(), "Client '" + RealmWiring.CONSOLE_CLIENT + "': " + String.join("; ", problems)
                + ". POST /setup sets it right (docs/console.md).");
    }

    @Override
    public void fix(Target target, List<String> changes) {
        RealmModel realm = target.realm();
        String path = consolePath(realm);
        ClientModel client = realm.getClientByClientId(RealmWiring.CONSOLE_CLIENT);
        if (client == null) {
            create(realm, path);
            changes.add("Created the client '" + RealmWiring.CONSOLE_CLIENT + "' for the console at " + path + ".");
            return;
        }
        for (String problem : problems(client, path)) {
            changes.add("Client '" + RealmWiring.CONSOLE_CLIENT + "': fixed that " + problem + ".");
        }
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setAttribute(PKCE, "S256");
        if (!redirectsToConsole(client, path)) {
            Set<String> redirects = new LinkedHashSet<>(client.getRedirectUris());
            redirects.add(path + "*");
            client.setRedirectUris(redirects);
            if (client.getRootUrl() == null || client.getRootUrl().isBlank()) {
                client.setRootUrl("${authBaseUrl}");
            }
        }
    }

    /** The client as docs/console.md describes it; the relative URLs resolve against the server's own URL. */
    private static void create(RealmModel realm, String path) {
        ClientModel client = realm.addClient(RealmWiring.CONSOLE_CLIENT);
        client.setName("Partner Access console");
        client.setDescription("Approvals, partners, policy, grants, evidence and partner users' own access");
        client.setEnabled(true);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setFullScopeAllowed(true);
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl(path);
        client.setRedirectUris(Set.of(path + "*"));
        client.setWebOrigins(Set.of("+"));
        client.setAlwaysDisplayInConsole(true);
        client.setAttribute(PKCE, "S256");
        client.setAttribute("post.logout.redirect.uris", "+");
        // Setting the protocol is what gives a new client the realm's default client scopes.
        client.setProtocol("openid-connect");
    }
}
