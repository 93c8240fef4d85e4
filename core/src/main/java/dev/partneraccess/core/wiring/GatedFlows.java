package dev.partneraccess.core.wiring;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * Builds flows that gate every authentication, always as new copies: a flow the realm already uses (possibly shared
 * with other bindings, possibly Keycloak's built-in one) is never edited, and what it does besides stays as it was.
 */
final class GatedFlows {

    static final String POST_BROKER = "partner post broker login";
    private static final String PREFIX = "partner ";

    private GatedFlows() {
    }

    /**
     * A copy of a browser flow: all of its steps move into a REQUIRED subflow (where its alternatives, such as cookie,
     * identity provider redirector and the forms, keep working as they did), and the gate follows at the top level.
     */
    static AuthenticationFlowModel browser(RealmModel realm, AuthenticationFlowModel source) {
        AuthenticationFlowModel top = newFlow(realm, uniqueAlias(realm, PREFIX + base(source.getAlias())), true,
                "Copy of '" + source.getAlias() + "' made by Partner Access setup: its sign-in steps, then " + RealmWiring.GATE + ".");
        AuthenticationFlowModel identification = newFlow(realm, uniqueAlias(realm, top.getAlias() + " identification"), false,
                "The sign-in steps of '" + source.getAlias() + "'.");
        copySteps(realm, source, identification, top.getAlias());
        AuthenticationExecutionModel subflow = execution(top, Requirement.REQUIRED, 10);
        subflow.setAuthenticatorFlow(true);
        subflow.setFlowId(identification.getId());
        realm.addAuthenticatorExecution(subflow);
        addGate(realm, top, 20);
        return top;
    }

    /** A copy of a flow with the gate added at the end of its top level (direct grant, post-broker login). */
    static AuthenticationFlowModel appended(RealmModel realm, AuthenticationFlowModel source) {
        AuthenticationFlowModel top = newFlow(realm, uniqueAlias(realm, PREFIX + base(source.getAlias())), true,
                "Copy of '" + source.getAlias() + "' made by Partner Access setup, with " + RealmWiring.GATE + " at the end.");
        int last = copySteps(realm, source, top, top.getAlias());
        addGate(realm, top, last + 10);
        return top;
    }

    /** The post-broker-login flow that holds only the gate: the existing one when it is sound, else a new one. */
    static AuthenticationFlowModel postBroker(RealmModel realm) {
        AuthenticationFlowModel existing = realm.getFlowByAlias(POST_BROKER);
        if (existing != null && GatePlacement.problem(realm, existing, false).isEmpty()) {
            return existing;
        }
        AuthenticationFlowModel flow = newFlow(realm, uniqueAlias(realm, POST_BROKER), true,
                "Runs " + RealmWiring.GATE + " after every login through a partner's identity provider.");
        addGate(realm, flow, 10);
        return flow;
    }

    /** Copies the steps of {@code from} into {@code to}, subflows and step configs included, gates left out. */
    private static int copySteps(RealmModel realm, AuthenticationFlowModel from, AuthenticationFlowModel to, String prefix) {
        int last = 0;
        for (AuthenticationExecutionModel step : GatePlacement.topLevel(realm, from)) {
            if (GatePlacement.isGate(step)) {
                continue;
            }
            AuthenticationExecutionModel copy = execution(to, step.getRequirement(), step.getPriority());
            copy.setAuthenticator(step.getAuthenticator());
            copy.setAuthenticatorFlow(step.isAuthenticatorFlow());
            if (step.isAuthenticatorFlow()) {
                AuthenticationFlowModel sub = realm.getAuthenticationFlowById(step.getFlowId());
                AuthenticationFlowModel subCopy = newFlow(realm, uniqueAlias(realm, prefix + " " + sub.getAlias()),
                        sub.getProviderId(), false, sub.getDescription());
                copySteps(realm, sub, subCopy, prefix);
                copy.setFlowId(subCopy.getId());
            }
            copy.setAuthenticatorConfig(copyConfig(realm, step.getAuthenticatorConfig(), prefix));
            realm.addAuthenticatorExecution(copy);
            last = Math.max(last, step.getPriority());
        }
        return last;
    }

    /** A step's config is copied under a new alias; one the realm does not hold (deployed with a provider) is shared. */
    private static String copyConfig(RealmModel realm, String configId, String prefix) {
        AuthenticatorConfigModel config = configId == null ? null : realm.getAuthenticatorConfigById(configId);
        if (config == null) {
            return configId;
        }
        AuthenticatorConfigModel copy = new AuthenticatorConfigModel();
        String alias = prefix + " " + config.getAlias();
        for (int n = 2; realm.getAuthenticatorConfigByAlias(alias) != null; n++) {
            alias = prefix + " " + config.getAlias() + " " + n;
        }
        copy.setAlias(alias);
        copy.setConfig(new HashMap<>(config.getConfig() == null ? Map.of() : config.getConfig()));
        return realm.addAuthenticatorConfig(copy).getId();
    }

    private static void addGate(RealmModel realm, AuthenticationFlowModel flow, int priority) {
        AuthenticationExecutionModel gate = execution(flow, Requirement.REQUIRED, priority);
        gate.setAuthenticator(RealmWiring.GATE);
        gate.setAuthenticatorFlow(false);
        realm.addAuthenticatorExecution(gate);
    }

    private static AuthenticationExecutionModel execution(AuthenticationFlowModel parent, Requirement requirement, int priority) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setParentFlow(parent.getId());
        execution.setRequirement(requirement);
        execution.setPriority(priority);
        return execution;
    }

    private static AuthenticationFlowModel newFlow(RealmModel realm, String alias, boolean topLevel, String description) {
        return newFlow(realm, alias, "basic-flow", topLevel, description);
    }

    private static AuthenticationFlowModel newFlow(RealmModel realm, String alias, String providerId, boolean topLevel,
                                                   String description) {
        AuthenticationFlowModel flow = new AuthenticationFlowModel();
        flow.setAlias(alias);
        flow.setDescription(description);
        flow.setProviderId(providerId);
        flow.setTopLevel(topLevel);
        flow.setBuiltIn(false);
        return realm.addAuthenticationFlow(flow);
    }

    /** Copying "partner browser" again gives "partner browser 2", not "partner partner browser". */
    private static String base(String alias) {
        return alias.toLowerCase(Locale.ROOT).startsWith(PREFIX) ? alias.substring(PREFIX.length()) : alias;
    }

    static String uniqueAlias(RealmModel realm, String alias) {
        String candidate = alias;
        for (int n = 2; realm.getFlowByAlias(candidate) != null; n++) {
            candidate = alias + " " + n;
        }
        return candidate;
    }
}
