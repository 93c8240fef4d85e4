package dev.partneraccess.core.wiring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/**
 * A login path that must run the gate: the realm's own binding (browser or direct grant) and every client that
 * overrides it with a flow of its own, since such a client would otherwise be a way around the gate.
 */
abstract class FlowBindingStep implements WiringStep {

    /** A binding whose flow does not gate every authentication; {@code client} is null for the realm's own. */
    private record Unsound(ClientModel client, AuthenticationFlowModel flow, String problem) {
    }

    /** The key of the client override (Keycloak's {@code AuthenticationFlowBindings}). */
    abstract String overrideKey();

    /** "browser flow", "direct-grant flow". */
    abstract String label();

    abstract AuthenticationFlowModel bound(RealmModel realm);

    abstract void bind(RealmModel realm, AuthenticationFlowModel flow);

    /** A new flow doing what {@code source} does, with the gate in its place. */
    abstract AuthenticationFlowModel gatedCopy(RealmModel realm, AuthenticationFlowModel source);

    private List<Unsound> unsound(RealmModel realm) {
        List<Unsound> found = new ArrayList<>();
        AuthenticationFlowModel own = bound(realm);
        GatePlacement.problem(realm, own, true).ifPresent(p -> found.add(new Unsound(null, own, p)));
        realm.getClientsStream().forEach(client -> {
            String id = client.getAuthenticationFlowBindingOverride(overrideKey());
            AuthenticationFlowModel flow = id == null ? null : realm.getAuthenticationFlowById(id);
            if (flow != null) {
                GatePlacement.problem(realm, flow, true).ifPresent(p -> found.add(new Unsound(client, flow, p)));
            }
        });
        return found;
    }

    @Override
    public WiringCheck check(Target target) {
        List<Unsound> unsound = unsound(target.realm());
        if (unsound.isEmpty()) {
            AuthenticationFlowModel own = bound(target.realm());
            return WiringCheck.ok(name(), "The " + label() + " '" + own.getAlias() + "' runs " + RealmWiring.GATE
                    + " at its top level, REQUIRED, after the sign-in steps; so does every client's override of it.");
        }
        List<String> parts = new ArrayList<>();
        for (Unsound u : unsound) {
            parts.add(u.client() == null ? "the realm's " + label() + ": " + u.problem()
                    : "client '" + u.client().getClientId() + "' overrides the " + label() + " with '" + u.flow().getAlias()
                    + "': " + u.problem());
        }
        return WiringCheck.failing(name(), capitalised(String.join("; ", parts)) + ". Partner logins this way skip the"
                + " policy. POST /setup binds a copy of each flow with the gate in its place (docs/wiring.md).");
    }

    @Override
    public void fix(Target target, List<String> changes) {
        RealmModel realm = target.realm();
        Map<String, AuthenticationFlowModel> copies = new HashMap<>();
        for (Unsound u : unsound(realm)) {
            if (u.flow() == null) {
                continue;
            }
            AuthenticationFlowModel copy = copies.computeIfAbsent(u.flow().getId(), id -> {
                AuthenticationFlowModel made = gatedCopy(realm, u.flow());
                changes.add("Copied the " + label() + " '" + u.flow().getAlias() + "' to '" + made.getAlias()
                        + "' with " + RealmWiring.GATE + " at its top level after the sign-in steps.");
                return made;
            });
            if (u.client() == null) {
                bind(realm, copy);
                changes.add("Bound '" + copy.getAlias() + "' as the realm's " + label() + ".");
            } else {
                u.client().setAuthenticationFlowBindingOverride(overrideKey(), copy.getId());
                changes.add("Client '" + u.client().getClientId() + "' now overrides the " + label() + " with '" + copy.getAlias() + "'.");
            }
        }
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
