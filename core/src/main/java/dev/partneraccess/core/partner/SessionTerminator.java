package dev.partneraccess.core.partner;

import java.util.List;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Ends a user's sessions the way the admin console's "Sign out" does: tokens issued before now stop being accepted
 * and every session is logged out, including back-channel logout to clients, so no refresh token outlives a decision.
 */
public final class SessionTerminator {

    private final KeycloakSession session;
    private final RealmModel realm;

    public SessionTerminator(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Returns how many sessions were ended. */
    public int endAll(UserModel user) {
        session.users().setNotBeforeForUser(realm, user, Time.currentTime());
        List<UserSessionModel> userSessions = session.sessions().getUserSessionsStream(realm, user).toList();
        for (UserSessionModel userSession : userSessions) {
            AuthenticationManager.backchannelLogout(session, realm, userSession, session.getContext().getUri(),
                    session.getContext().getConnection(), session.getContext().getRequestHeaders(), true);
        }
        return userSessions.size();
    }
}
