package dev.partneraccess.core.partner;

import java.util.Optional;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import dev.partneraccess.core.support.TextRules;

/** Which partner a user belongs to, for the login path and the token mapper. */
public final class PartnerDirectory {

    /** The client attribute naming the partner that owns a service account's client. */
    public static final String SERVICE_ACCOUNT_PARTNER = "partner.id";

    private PartnerDirectory() {
    }

    public static Optional<Partner> partnerOf(KeycloakSession session, RealmModel realm, UserModel user) {
        if (user == null || !realm.isOrganizationsEnabled()) {
            return Optional.empty();
        }
        if (session.getContext().getRealm() == null) {
            session.getContext().setRealm(realm);
        }
        if (user.getServiceAccountClientLink() != null) {
            // A partner's service account belongs to the partner its client names (the client model is cached).
            ClientModel client = realm.getClientById(user.getServiceAccountClientLink());
            return client == null ? Optional.empty() : byId(session, realm, client.getAttribute(SERVICE_ACCOUNT_PARTNER));
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null) {
            return Optional.empty();
        }
        return organizations.getByMember(user).filter(Partner::isPartner).findFirst().map(Partner::of);
    }

    /** The partner with that organization id, if it exists in this realm and carries a partner profile. */
    public static Optional<Partner> byId(KeycloakSession session, RealmModel realm, String id) {
        return Optional.ofNullable(organization(session, realm, id)).filter(Partner::isPartner).map(Partner::of);
    }

    /**
     * The organization with that id in this realm, or null: an id of another realm's organization is answered like
     * one that does not exist (Keycloak's provider throws for it instead), and so is an id that cannot be one.
     */
    public static OrganizationModel organization(KeycloakSession session, RealmModel realm, String id) {
        if (!TextRules.plausibleId(id) || !realm.isOrganizationsEnabled()) {
            return null;
        }
        if (session.getContext().getRealm() == null) {
            session.getContext().setRealm(realm);
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null) {
            return null;
        }
        try {
            return organizations.getById(id);
        } catch (ModelException otherRealm) {
            // "Organization [..] does not belong to realm [..]": the caller may not learn that it exists elsewhere.
            return null;
        }
    }
}
