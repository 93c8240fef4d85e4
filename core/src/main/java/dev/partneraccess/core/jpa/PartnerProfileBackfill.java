package dev.partneraccess.core.jpa;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

import dev.partneraccess.core.spi.PartnerAccessProvider;

/**
 * Records the profile of partners that existed before profiles were recorded, once the schema is ready: every
 * organization with a {@code partner.status} and no row yet. Safe on every start and on two nodes at once (a realm
 * whose rows another node wrote first is left to it).
 */
public final class PartnerProfileBackfill {

    private static final Logger LOG = Logger.getLogger(PartnerProfileBackfill.class);
    private static final List<String> STATUSES = List.of("ACTIVE", "SUSPENDED", "OFFBOARDED");

    private PartnerProfileBackfill() {
    }

    public static void run(KeycloakSessionFactory factory) {
        List<String> realms = new java.util.ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream()
                .filter(RealmModel::isOrganizationsEnabled).map(RealmModel::getId).forEach(realms::add));
        for (String realmId : realms) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    RealmModel realm = session.realms().getRealm(realmId);
                    session.getContext().setRealm(realm);
                    PartnerProfileStore store = session.getProvider(PartnerAccessProvider.class).profiles();
                    Set<String> recorded = new HashSet<>(store.recordedIds(realmId));
                    OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
                    int added = 0;
                    for (String status : STATUSES) {
                        for (var organization : organizations.getAllStream(Map.of("partner.status", status), null, null).toList()) {
                            if (recorded.add(organization.getId())) {
                                store.record(realmId, organization.getId(), organization.getName(), organization.getAttributes());
                                added++;
                            }
                        }
                    }
                    if (added > 0) {
                        LOG.infof("recorded the profile of %d existing partners in realm %s", added, realm.getName());
                    }
                });
            } catch (RuntimeException e) {
                LOG.debugf(e, "partner profiles of realm %s recorded concurrently", realmId);
            }
        }
    }
}
