package dev.partneraccess.core.wiring;

import java.util.List;

import org.keycloak.models.RealmModel;

/**
 * {@code admin-events}: admin events stored with their details, so Keycloak keeps its own trail next to the ledger
 * and the listener sees exactly which roles a role-mapping call added.
 */
final class AdminEventsStep implements WiringStep {

    @Override
    public String name() {
        return "admin-events";
    }

    @Override
    public WiringCheck check(Target target) {
        RealmModel realm = target.realm();
        if (realm.isAdminEventsEnabled() && realm.isAdminEventsDetailsEnabled()) {
            return WiringCheck.ok(name(), "Admin events are saved, with their representations.");
        }
        String off = !realm.isAdminEventsEnabled() ? "Admin events are not saved" : "Admin events are saved without their representations";
        return WiringCheck.failing(name(), off + ", so Keycloak keeps no full trail of admin changes and the listener"
                + " cannot see which roles a role-mapping call added. POST /setup turns on both 'Save events' and"
                + " 'Include representation' (Realm settings, Events, Admin events settings).");
    }

    @Override
    public void fix(Target target, List<String> changes) {
        RealmModel realm = target.realm();
        if (!realm.isAdminEventsEnabled()) {
            realm.setAdminEventsEnabled(true);
            changes.add("Turned on saving admin events.");
        }
        if (!realm.isAdminEventsDetailsEnabled()) {
            realm.setAdminEventsDetailsEnabled(true);
            changes.add("Turned on saving admin events' representations.");
        }
    }
}
