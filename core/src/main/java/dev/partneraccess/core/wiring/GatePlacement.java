package dev.partneraccess.core.wiring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Whether a flow runs the gate on every authentication: at its top level, REQUIRED, and (where the flow itself
 * identifies the user) after a REQUIRED step that does. A gate inside a subflow is skipped whenever another
 * alternative of that subflow succeeds, as a sign-in by cookie does; top-level ALTERNATIVE steps beside a REQUIRED
 * one are ignored by Keycloak altogether.
 */
final class GatePlacement {

    private GatePlacement() {
    }

    static boolean isGate(AuthenticationExecutionModel execution) {
        return !execution.isAuthenticatorFlow() && RealmWiring.GATE.equals(execution.getAuthenticator());
    }

    static List<AuthenticationExecutionModel> topLevel(RealmModel realm, AuthenticationFlowModel flow) {
        return realm.getAuthenticationExecutionsStream(flow.getId())
                .sorted(Comparator.comparingInt(AuthenticationExecutionModel::getPriority)).toList();
    }

    /**
     * What keeps {@code flow} from gating every authentication, or empty when nothing does.
     *
     * @param identifiesUser whether the flow itself identifies the user, so the gate must come after a step that does
     *                       (a post-broker-login flow starts with the user known)
     */
    static Optional<String> problem(RealmModel realm, AuthenticationFlowModel flow, boolean identifiesUser) {
        if (flow == null) {
            return Optional.of("no flow is bound");
        }
        List<AuthenticationExecutionModel> top = topLevel(realm, flow);
        int gate = -1;
        for (int i = 0; i < top.size() && gate < 0; i++) {
            if (isGate(top.get(i)) && top.get(i).getRequirement() == Requirement.REQUIRED) {
                gate = i;
            }
        }
        String name = "'" + flow.getAlias() + "'";
        if (gate < 0) {
            Optional<AuthenticationExecutionModel> off = top.stream().filter(GatePlacement::isGate).findFirst();
            if (off.isPresent()) {
                return Optional.of("the gate at the top level of " + name + " is " + off.get().getRequirement() + ", not REQUIRED");
            }
            return nested(realm, flow).map(parent -> "the gate in " + name + " sits inside its subflow '" + parent
                    + "', which is skipped whenever another alternative succeeds (a sign-in by cookie does)")
                    .or(() -> Optional.of(name + " has no " + RealmWiring.GATE));
        }
        if (identifiesUser && top.subList(0, gate).stream().noneMatch(e -> e.getRequirement() == Requirement.REQUIRED)) {
            return Optional.of("the gate in " + name + " runs before any REQUIRED step has identified the user");
        }
        List<String> alternatives = top.stream().filter(e -> e.getRequirement() == Requirement.ALTERNATIVE)
                .map(e -> label(realm, e)).toList();
        if (!alternatives.isEmpty()) {
            return Optional.of(name + " has ALTERNATIVE steps at its top level beside the REQUIRED gate ("
                    + String.join(", ", alternatives) + "), which Keycloak then skips; they belong in a REQUIRED subflow before the gate");
        }
        return Optional.empty();
    }

    /** The alias of the subflow holding a gate somewhere below the top level, if any. */
    private static Optional<String> nested(RealmModel realm, AuthenticationFlowModel flow) {
        List<AuthenticationExecutionModel> all = new ArrayList<>();
        KeycloakModelUtils.deepFindAuthenticationExecutions(realm, flow, all);
        return all.stream().filter(GatePlacement::isGate).findFirst()
                .map(e -> realm.getAuthenticationFlowById(e.getParentFlow()))
                .map(AuthenticationFlowModel::getAlias);
    }

    private static String label(RealmModel realm, AuthenticationExecutionModel execution) {
        if (execution.isAuthenticatorFlow()) {
            AuthenticationFlowModel sub = realm.getAuthenticationFlowById(execution.getFlowId());
            return sub == null ? "a subflow" : "'" + sub.getAlias() + "'";
        }
        return execution.getAuthenticator();
    }
}
