package dev.partneraccess.core.wiring;

import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;

/** {@code browser-flow}: the gate at the top level of the browser flow, after the subflow that identifies the user. */
final class BrowserFlowStep extends FlowBindingStep {

    @Override
    public String name() {
        return "browser-flow";
    }

    @Override
    String overrideKey() {
        return "browser";
    }

    @Override
    String label() {
        return "browser flow";
    }

    @Override
    AuthenticationFlowModel bound(RealmModel realm) {
        return realm.getBrowserFlow();
    }

    @Override
    void bind(RealmModel realm, AuthenticationFlowModel flow) {
        realm.setBrowserFlow(flow);
    }

    @Override
    AuthenticationFlowModel gatedCopy(RealmModel realm, AuthenticationFlowModel source) {
        return GatedFlows.browser(realm, source);
    }
}
