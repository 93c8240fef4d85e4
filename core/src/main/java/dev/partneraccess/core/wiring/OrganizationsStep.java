package dev.partneraccess.core.wiring;

import java.util.List;

import org.keycloak.common.Profile;

/** {@code organizations}: partners are Keycloak Organizations, so the realm must have them on. */
final class OrganizationsStep implements WiringStep {

    @Override
    public String name() {
        return "organizations";
    }

    private static boolean featureOn() {
        return Profile.isFeatureEnabled(Profile.Feature.ORGANIZATION);
    }

    @Override
    public WiringCheck check(Target target) {
        if (target.realm().isOrganizationsEnabled() && featureOn()) {
            return WiringCheck.ok(name(), "Organizations are on; each partner is one.");
        }
        if (!featureOn()) {
            return WiringCheck.failing(name(), "This server runs without Keycloak's organization feature, so there can be"
                    + " no partners. Start Keycloak with the feature on (--features=organization; it is on by default).");
        }
        return WiringCheck.failing(name(), "Organizations are off in this realm, so there can be no partners and the gate"
                + " finds none. POST /setup turns them on (or: kcadm.sh update realms/<realm> -s organizationsEnabled=true).");
    }

    @Override
    public void fix(Target target, List<String> changes) {
        if (featureOn() && !target.realm().isOrganizationsEnabled()) {
            target.realm().setOrganizationsEnabled(true);
            changes.add("Turned Organizations on.");
        }
    }
}
