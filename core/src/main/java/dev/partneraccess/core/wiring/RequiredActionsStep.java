package dev.partneraccess.core.wiring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;

import dev.partneraccess.core.policy.Policy;

/**
 * {@code required-actions}: the agreement and the attestation registered and enabled, so the gate can add them to a
 * partner user's login when the tier asks for them (an unregistered action would leave the login stuck).
 */
final class RequiredActionsStep implements WiringStep {

    /** In this order: registration order sets priority, and the agreement comes before the attestation. */
    private static final Map<String, String> ACTIONS = actions();

    private static Map<String, String> actions() {
        Map<String, String> actions = new LinkedHashMap<>();
        actions.put(Policy.AGREEMENT_ACTION, "Partner agreement");
        actions.put(Policy.ATTESTATION_ACTION, "Partner business-purpose attestation");
        return Collections.unmodifiableMap(actions);
    }

    @Override
    public String name() {
        return "required-actions";
    }

    @Override
    public WiringCheck check(Target target) {
        List<String> problems = new ArrayList<>();
        for (String alias : ACTIONS.keySet()) {
            RequiredActionProviderModel action = target.realm().getRequiredActionProviderByAlias(alias);
            if (action == null) {
                problems.add("'" + alias + "' is not registered");
            } else if (!action.isEnabled()) {
                problems.add("'" + alias + "' is registered but disabled");
            }
        }
        if (problems.isEmpty()) {
            return WiringCheck.ok(name(), "'" + String.join("' and '", ACTIONS.keySet()) + "' are registered and enabled.");
        }
        return WiringCheck.failing(name(), capitalise(String.join("; ", problems)) + ", so a partner user whose tier needs"
                + " it cannot finish logging in. POST /setup registers and enables both (Authentication, Required actions"
                + " in the admin console).");
    }

    @Override
    public void fix(Target target, List<String> changes) {
        RealmModel realm = target.realm();
        for (Map.Entry<String, String> entry : ACTIONS.entrySet()) {
            RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(entry.getKey());
            if (action == null) {
                int last = realm.getRequiredActionProvidersStream().mapToInt(RequiredActionProviderModel::getPriority).max().orElse(0);
                RequiredActionProviderModel model = new RequiredActionProviderModel();
                model.setAlias(entry.getKey());
                model.setProviderId(entry.getKey());
                model.setName(entry.getValue());
                model.setEnabled(true);
                model.setDefaultAction(false);
                model.setPriority(last + 1);
                realm.addRequiredActionProvider(model);
                changes.add("Registered and enabled the required action '" + entry.getKey() + "'.");
            } else if (!action.isEnabled()) {
                action.setEnabled(true);
                realm.updateRequiredActionProvider(action);
                changes.add("Enabled the required action '" + entry.getKey() + "'.");
            }
        }
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
