package dev.partneraccess.core.wiring;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.userprofile.UserProfileProvider;

/** The realm being checked or wired, and the session to reach its providers through. */
record Target(KeycloakSession session, RealmModel realm) {

    /** Organizations and the user profile work on the context realm, which must be this one (outside a request too). */
    private void bindRealm() {
        RealmModel context = session.getContext().getRealm();
        if (context == null || !context.getId().equals(realm.getId())) {
            session.getContext().setRealm(realm);
        }
    }

    OrganizationProvider organizations() {
        bindRealm();
        return session.getProvider(OrganizationProvider.class);
    }

    UserProfileProvider userProfile() {
        bindRealm();
        return session.getProvider(UserProfileProvider.class);
    }
}
