package dev.partneraccess.core.wiring;

import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;

/** {@code direct-grant-flow}: the gate at the top level of the direct-grant flow, after the password check. */
final class DirectGrantFlowStep extends FlowBindingStep {

    @Override
    public String name() {
        return "direct-grant-flow";
    }

    @Override
    String overrideKey() {
        return "direct_grant";
    }

    @Override
    String label() {
        return "direct-grant flow";
    }

    @Override
    AuthenticationFlowModel bound(RealmModel realm) {
        return realm.getDirectGrantFlow();
    }

    @Override
    void bind(RealmModel realm, AuthenticationFlowModel flow) {
        realm.setDirectGrantFlow(flow);
    }

    @Override
    AuthenticationFlowModel gatedCopy(RealmModel realm, AuthenticationFlowModel source) {
        return GatedFlows.appended(realm, source);
    }
}
