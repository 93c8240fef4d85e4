package dev.partneraccess.core.partner;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.keycloak.common.util.Time;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

import dev.partneraccess.core.support.Links;

/**
 * Ends a user's sessions so that no token outlives a decision: online sessions are logged out the way the admin
 * console's "Sign out" does (with back-channel logout to clients when a request is there to carry it), offline
 * sessions are removed too, and the user's not-before moves past the current second, so a token issued in the same
 * second as the decision is refused as well (Keycloak compares whole seconds).
 *
 * <p>The decision's second is the one it commits in, and that can be later than the moment its sessions were ended: the
 * evidence append may wait for the ledger lock, a batch may end many users' sessions before it commits. So the
 * not-before is moved twice: at once, and again just before the transaction commits (Keycloak's prepare phase, which
 * runs after every write of the decision and before the database commit), past the second of that moment. A decision
 * that rolls back moves neither.
 */
public final class SessionTerminator {

    private final KeycloakSession session;
    private final RealmModel realm;
    /** Users whose not-before is moved again at commit; the prepare step is enlisted with the first. */
    private final Set<String> notBeforeAtCommit = new LinkedHashSet<>();

    public SessionTerminator(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Ends every online and offline session of the user; answers how many were ended. */
    public int endAll(UserModel user) {
        session.users().setNotBeforeForUser(realm, user, Time.currentTime() + 1);
        moveNotBeforeAtCommit(user);
        List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, user).toList();
        boolean inRequest = Links.requestBase(session).isPresent();
        for (UserSessionModel userSession : online) {
            if (inRequest) {
                AuthenticationManager.backchannelLogout(session, realm, userSession, session.getContext().getUri(),
                        session.getContext().getConnection(), session.getContext().getRequestHeaders(), true);
            } else {
                session.sessions().removeUserSession(realm, userSession);
            }
        }
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        offline.forEach(userSession -> session.sessions().removeOfflineUserSession(realm, userSession));
        return online.size() + offline.size();
    }

    /**
     * Ends the user's sessions on the given clients only (online and offline): the client sessions go, so their
     * refresh tokens stop working, while the user stays signed in to the other clients. Answers how many client
     * sessions were ended.
     */
    public int endOnClients(UserModel user, Set<String> clientUuids) {
        if (clientUuids.isEmpty()) {
            return 0;
        }
        int ended = 0;
        for (UserSessionModel userSession : sessionsOf(user)) {
            Collection<AuthenticatedClientSessionModel> clientSessions = userSession.getAuthenticatedClientSessions().values();
            List<String> gone = clientSessions.stream().map(cs -> cs.getClient().getId()).filter(clientUuids::contains).toList();
            if (!gone.isEmpty()) {
                userSession.removeAuthenticatedClientSessions(gone);
                ended += gone.size();
            }
        }
        return ended;
    }

    private void moveNotBeforeAtCommit(UserModel user) {
        if (notBeforeAtCommit.isEmpty()) {
            session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    int notBefore = Time.currentTime() + 1;
                    for (String userId : notBeforeAtCommit) {
                        UserModel ended = session.users().getUserById(realm, userId);
                        if (ended != null) {
                            session.users().setNotBeforeForUser(realm, ended, notBefore);
                        }
                    }
                    notBeforeAtCommit.clear();
                }

                @Override
                protected void rollbackImpl() {
                    // The decision did not happen: nothing to move.
                    notBeforeAtCommit.clear();
                }
            });
        }
        notBeforeAtCommit.add(user.getId());
    }

    private List<UserSessionModel> sessionsOf(UserModel user) {
        List<UserSessionModel> all = new java.util.ArrayList<>(session.sessions().getUserSessionsStream(realm, user).toList());
        all.addAll(session.sessions().getOfflineUserSessionsStream(realm, user).toList());
        return all;
    }
}
