package dev.partneraccess.listener;

import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceFilter;
import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Paging;

/**
 * Records changes to partners made through Keycloak's own Organization admin API or console. Keycloak delivers admin
 * events inside the admin's transaction, so the record commits with the change. Our own API's admin events (under
 * {@code partner-access/}) are skipped: the registry has already written their evidence. Login events cost nothing.
 */
final class EvidenceEventListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(EvidenceEventListener.class);
    static final String VIA = "keycloak-admin";

    private final KeycloakSession session;
    private final ServiceAccountUse serviceAccountUse;

    EvidenceEventListener(KeycloakSession session, ServiceAccountUse serviceAccountUse) {
        this.session = session;
        this.serviceAccountUse = serviceAccountUse;
    }

    @Override
    public void onEvent(Event event) {
        // Logins are not evidence: only a client-credentials login of a partner service account is looked at.
        if (event.getType() == EventType.CLIENT_LOGIN) {
            serviceAccountUse.record(session, event);
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        checkDefaults(event);
        if (OutOfBandGuard.concerns(event)) {
            RealmModel realm = session.realms().getRealm(event.getRealmId());
            if (realm != null) {
                new OutOfBandGuard(session).check(event, realm, actor(event.getAuthDetails()));
            }
            return;
        }
        ResourceType type = event.getResourceType();
        if (type != ResourceType.ORGANIZATION && type != ResourceType.ORGANIZATION_MEMBERSHIP) {
            return;
        }
        String path = event.getResourcePath();
        if (path == null || !path.startsWith("organizations/")) {
            return;
        }
        String[] parts = path.split("/");
        if (parts.length < 2) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        String organizationId = parts[1];
        Actor actor = actor(event.getAuthDetails());
        ObjectNode details = Json.object();
        details.put("via", VIA);
        details.put("operation", event.getOperationType().name());
        details.put("resourcePath", path);
        EvidenceLedger ledger = access().ledger();
        if (type == ResourceType.ORGANIZATION && parts.length == 2 && event.getOperationType() == OperationType.UPDATE) {
            OrganizationModel organization = organizations(realm).getById(organizationId);
            // Checked for every organization: partner.* attributes added to one that is no partner are refused too.
            if (organization != null && access().nativeEdits(realm).applyNativeEdit(organization, actor, details)) {
                return;
            }
        }
        if (!isPartner(realm, organizationId)) {
            return;
        }

        if (type == ResourceType.ORGANIZATION_MEMBERSHIP && parts.length >= 3 && "members".equals(parts[2])) {
            UserModel user = member(realm, parts, event.getDetails());
            details.put("userId", user == null ? null : user.getId());
            details.put("username", event.getDetails() == null ? null : event.getDetails().get(UserModel.USERNAME));
            if (event.getOperationType() == OperationType.CREATE) {
                ledger.append(realm.getId(), EvidenceType.MEMBER_ADDED, actor, user == null ? null : user.getId(), organizationId, details);
                if (user != null) {
                    enforceOnePartner(realm, organizationId, user, actor, ledger);
                }
            } else if (event.getOperationType() == OperationType.DELETE) {
                String userId = user != null ? user.getId() : parts.length >= 4 ? parts[3] : null;
                details.put("userId", userId);
                if (user != null) {
                    // Same consequences as a removal through our API: no unit left behind, no grant or session outlives it.
                    access().partnerMembers(realm).endMembership(organizationId, user,
                            "User removed from the partner's organization.", actor, details);
                }
                ledger.append(realm.getId(), EvidenceType.MEMBER_REMOVED, actor, userId, organizationId, details);
            }
        } else if (type == ResourceType.ORGANIZATION && parts.length == 2
                && (event.getOperationType() == OperationType.UPDATE || event.getOperationType() == OperationType.DELETE)) {
            OrganizationModel organization = organizations(realm).getById(organizationId);
            if (organization != null) {
                ObjectNode profile = details.putObject("partner");
                organization.getAttributes().forEach((name, values) -> {
                    if (name.startsWith("partner.")) {
                        profile.set(name, Json.MAPPER.valueToTree(values));
                    }
                });
                details.put("name", organization.getName());
            }
            ledger.append(realm.getId(), EvidenceType.PARTNER_UPDATED, actor, organizationId, organizationId, details);
        }
    }

    /**
     * A governed role among the realm's default roles or groups reaches every user. After each of Keycloak's own admin
     * calls it is reverted (revert mode, idempotent); in flag mode it is flagged after the calls that can put it there
     * (default groups, the default role's composites, a partial import), so it is flagged once, not after every call.
     */
    private void checkDefaults(AdminEvent event) {
        String path = event.getResourcePath();
        if (path == null || path.startsWith("partner-access/")) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        access().policies().current(realm).map(StoredPolicy::policy).ifPresent(policy -> {
            boolean introduces = path.startsWith("default-groups") || path.contains("partialImport")
                    || path.startsWith("roles/" + Constants.DEFAULT_ROLES_ROLE_PREFIX) || path.startsWith("roles-by-id/" + realm.getDefaultRole().getId());
            access().defaultAccess(realm).run(policy, actor(event.getAuthDetails()), path, introduces);
        });
    }

    /**
     * A user belongs to at most one partner. Keycloak's own API cannot be stopped from adding a second membership, so
     * the listener undoes it in the same transaction (the admin's request still answers as Keycloak decides) and
     * records both the addition and its reversal. Managed members are left alone: removing one deletes the user.
     */
    private void enforceOnePartner(RealmModel realm, String organizationId, UserModel user, Actor actor, EvidenceLedger ledger) {
        OrganizationProvider organizations = organizations(realm);
        OrganizationModel added = organizations.getById(organizationId);
        OrganizationModel other = organizations.getByMember(user)
                .filter(o -> !o.getId().equals(organizationId) && Partner.isPartner(o))
                .findFirst().orElse(null);
        if (added == null || other == null || organizations.isManagedMember(added, user)) {
            return;
        }
        organizations.removeMember(added, user);
        ObjectNode details = Json.object();
        details.put("via", VIA);
        details.put("userId", user.getId());
        details.put("username", user.getUsername());
        details.put("reverted", true);
        details.put("reason", "User '" + user.getUsername() + "' already belongs to partner '" + other.getName()
                + "' (" + other.getId() + "); a user belongs to at most one partner.");
        ledger.append(realm.getId(), EvidenceType.MEMBER_REMOVED, actor, user.getId(), organizationId, details);
        LOG.warnf("reverted membership of %s in organization %s: already a member of partner %s",
                user.getUsername(), organizationId, other.getId());
    }

    private boolean isPartner(RealmModel realm, String organizationId) {
        OrganizationModel organization = organizations(realm).getById(organizationId);
        if (Partner.isPartner(organization)) {
            return true;
        }
        // Deleted, or its profile just stripped: it was a partner if the ledger ever recorded it as one.
        return !access().ledger().query(realm.getId(),
                new EvidenceFilter(null, null, organizationId, null, null), new Paging(0, 1)).isEmpty();
    }

    private PartnerAccessProvider access() {
        return session.getProvider(PartnerAccessProvider.class);
    }

    private OrganizationProvider organizations(RealmModel realm) {
        if (session.getContext().getRealm() == null) {
            session.getContext().setRealm(realm);
        }
        return session.getProvider(OrganizationProvider.class);
    }

    private UserModel member(RealmModel realm, String[] parts, Map<String, String> details) {
        if (parts.length >= 4) {
            UserModel user = session.users().getUserById(realm, parts[3]);
            if (user != null) {
                return user;
            }
        }
        String username = details == null ? null : details.get(UserModel.USERNAME);
        return username == null ? null : session.users().getUserByUsername(realm, username);
    }

    private Actor actor(AuthDetails auth) {
        if (auth == null || auth.getUserId() == null) {
            return Actor.SYSTEM;
        }
        RealmModel authRealm = session.realms().getRealm(auth.getRealmId());
        UserModel user = authRealm == null ? null : session.users().getUserById(authRealm, auth.getUserId());
        return new Actor(auth.getUserId(), user == null ? auth.getUserId() : user.getUsername());
    }

    @Override
    public void close() {
    }

}
