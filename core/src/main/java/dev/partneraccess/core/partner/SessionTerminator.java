package dev.partneraccess.core.partner;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.common.Profile;
import org.keycloak.common.util.Time;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

import dev.partneraccess.core.jpa.SessionStore;
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
    private final SessionStore store;
    /** Users whose not-before is moved again at commit; the prepare step is enlisted with the first. */
    private final Set<String> notBeforeAtCommit = new LinkedHashSet<>();
    /** Users of Keycloak's own store whose not-before is moved only at commit, in one statement ({@link #endAllOf}). */
    private final Map<String, UserModel> localAtCommit = new LinkedHashMap<>();

    public SessionTerminator(KeycloakSession session, RealmModel realm, SessionStore store) {
        this.session = session;
        this.realm = realm;
        this.store = store;
    }

    /** Ends every online and offline session of the user; answers how many were ended. */
    public int endAll(UserModel user) {
        session.users().setNotBeforeForUser(realm, user, Time.currentTime() + 1);
        moveNotBeforeAtCommit(user);
        return endSessions(user);
    }

    /**
     * Ends every online and offline session of many users, as {@link #endAll} does for each (a review's batch of
     * revocations), at a cost that grows with the sessions there are rather than with the users: when Keycloak keeps
     * every user session in the database, one query finds the users that have any and only theirs are read, and the
     * not-before of the users of Keycloak's own store moves in one statement just before the commit. (The not-before
     * moved at once by {@link #endAll} is seen by nobody before the commit anyway: this transaction removes the
     * sessions, and the move at commit is what refuses the tokens issued until then.) {@code local} tells the users
     * of Keycloak's own store. Answers the sessions ended per user id.
     */
    public Map<String, Integer> endAllOf(Collection<UserModel> users, Set<String> local) {
        Map<String, UserModel> byId = new LinkedHashMap<>();
        users.forEach(user -> byId.put(user.getId(), user));
        Set<String> withSessions = sessionsStored() ? store.withStoredSessions(realm.getId(), byId.keySet()) : byId.keySet();
        Map<String, Integer> ended = new HashMap<>();
        byId.forEach((id, user) -> {
            ended.put(id, withSessions.contains(id) ? endSessions(user) : 0);
            if (local.contains(id)) {
                if (localAtCommit.isEmpty() && notBeforeAtCommit.isEmpty()) {
                    enlistAtCommit();
                }
                localAtCommit.put(id, user);
            } else {
                moveNotBeforeAtCommit(user);
            }
        });
        return ended;
    }

    /**
     * Whether every online and offline session is a row of Keycloak's database: the persistent user sessions of a
     * cluster with its own caches. With sessions kept only in memory, or in an external cache, each user's are read.
     */
    private static boolean sessionsStored() {
        return Profile.isFeatureEnabled(Profile.Feature.PERSISTENT_USER_SESSIONS)
                && !Profile.isFeatureEnabled(Profile.Feature.CLUSTERLESS) && !Profile.isFeatureEnabled(Profile.Feature.MULTI_SITE);
    }

    private int endSessions(UserModel user) {
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
        if (notBeforeAtCommit.isEmpty() && localAtCommit.isEmpty()) {
            enlistAtCommit();
        }
        notBeforeAtCommit.add(user.getId());
    }

    private void enlistAtCommit() {
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
                int moved = store.moveNotBefore(realm.getId(), localAtCommit.keySet(), notBefore);
                if (moved < localAtCommit.size()) {
                    // Not all rows were there: through the model for each that still exists (a removed user has none).
                    for (String userId : localAtCommit.keySet()) {
                        UserModel ended = session.users().getUserById(realm, userId);
                        if (ended != null) {
                            session.users().setNotBeforeForUser(realm, ended, notBefore);
                        }
                    }
                }
                notBeforeAtCommit.clear();
                localAtCommit.clear();
            }

            @Override
            protected void rollbackImpl() {
                // The decision did not happen: nothing to move.
                notBeforeAtCommit.clear();
                localAtCommit.clear();
            }
        });
    }

    private List<UserSessionModel> sessionsOf(UserModel user) {
        List<UserSessionModel> all = new java.util.ArrayList<>(session.sessions().getUserSessionsStream(realm, user).toList());
        all.addAll(session.sessions().getOfflineUserSessionsStream(realm, user).toList());
        return all;
    }
}
