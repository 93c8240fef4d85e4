package dev.partneraccess.listener;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.keycloak.common.util.Time;
import org.keycloak.events.Event;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.jboss.logging.Logger;

import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.spi.PartnerAccessProvider;

/**
 * Records when a partner service account last obtained a token by client credentials, at most once per client per
 * hour. A node that wrote the time within the hour skips the database entirely, and the update itself only moves a
 * time older than an hour, so a burst of token requests costs one write and other clients cost a cached attribute
 * lookup. One instance per node, held by the listener's factory.
 */
final class ServiceAccountUse {

    private static final Logger LOG = Logger.getLogger(ServiceAccountUse.class);
    static final long EVERY = TimeUnit.HOURS.toMillis(1);
    /** When this node last wrote each client's use. */
    private final Map<String, Long> lastWritten = new ConcurrentHashMap<>();

    void record(KeycloakSession session, Event event) {
        if (event.getClientId() == null || event.getRealmId() == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        ClientModel client = realm == null ? null : realm.getClientByClientId(event.getClientId());
        if (client == null || client.getAttribute(PartnerDirectory.SERVICE_ACCOUNT_PARTNER) == null) {
            return;
        }
        long now = Time.currentTimeMillis();
        Long written = lastWritten.get(client.getId());
        if (written != null && now - written >= 0 && now - written < EVERY) {
            return;
        }
        lastWritten.put(client.getId(), now);
        String id = client.getId();
        String realmId = realm.getId();
        // Its own short transaction: the event may arrive after the token request's transaction has ended.
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                RealmModel inJob = s.realms().getRealm(realmId);
                if (inJob != null) {
                    s.getProvider(PartnerAccessProvider.class).serviceAccounts(inJob).recordUse(id, now, EVERY);
                }
            });
        } catch (RuntimeException e) {
            lastWritten.remove(id);
            LOG.warnf(e, "could not record the use of service account %s", event.getClientId());
        }
    }
}
