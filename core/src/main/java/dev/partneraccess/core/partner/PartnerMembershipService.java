package dev.partneraccess.core.partner;

import java.util.List;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.GrantService;
import dev.partneraccess.core.access.RequestService;
import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Paging;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/** The members of partners: a user belongs to at most one partner, and leaving it ends what it held there. */
public final class PartnerMembershipService {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final PolicyStore policies;
    private final SessionTerminator sessions;
    private final GrantService grants;
    private final RequestService requests;

    private final PartnerAccessProvider access;

    /** Built by {@link PartnerAccessProvider#partnerMembers(RealmModel)}, once per session and realm. */
    public PartnerMembershipService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.ledger = access.ledger();
        this.policies = access.policies();
        this.sessions = access.sessions(realm);
        this.grants = access.grants(realm);
        this.requests = access.requests(realm);
    }

    private OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }

    private OrganizationModel organization(String id) {
        return access.partners(realm).organization(id);
    }

    public List<PartnerMember> members(String id, Paging paging) {
        OrganizationModel organization = organization(id);
        return organizations().getMembersStream(organization, (String) null, null, paging.first(), paging.max())
                .map(PartnerMember::of)
                .toList();
    }

    public PartnerMember addMember(String id, NewMember member, Actor actor) {
        OrganizationModel organization = organization(id);
        String username = member.username();
        String userId = member.userId();
        UserModel user = userId != null ? session.users().getUserById(realm, userId) : session.users().getUserByUsername(realm, username);
        if (user == null) {
            String field = userId != null ? "userId" : "username";
            throw Refusal.invalid(field, "User '" + (userId != null ? userId : username) + "' does not exist in realm '" + realm.getName() + "'.");
        }
        if (user.getServiceAccountClientLink() != null) {
            throw Refusal.invalid(userId != null ? "userId" : "username", "User '" + user.getUsername()
                    + "' is a service account; partner service accounts have their own endpoints.");
        }
        Partner partner = Partner.of(organization);
        String unit = member.businessUnit();
        if (unit != null && !partner.businessUnits().contains(unit)) {
            throw Refusal.invalid("businessUnit", "Partner '" + partner.name() + "' has no business unit '" + unit
                    + "'; its units are " + partner.businessUnits() + ".");
        }
        if (partner.status() == PartnerStatus.OFFBOARDED) {
            throw Refusal.conflict("status", "Partner '" + partner.name() + "' is offboarded; it takes no new members.");
        }
        Optional<OrganizationModel> existing = organizations().getByMember(user).filter(Partner::isPartner).findFirst();
        if (existing.isPresent()) {
            throw Refusal.conflict(userId != null ? "userId" : "username", "User '" + user.getUsername()
                    + "' already belongs to partner '" + existing.get().getName() + "' (" + existing.get().getId()
                    + "); a user belongs to at most one partner.");
        }
        try {
            organizations().addMember(organization, user);
        } catch (ModelValidationException | ModelDuplicateException e) {
            throw Refusal.conflict("username", e.getMessage());
        }
        if (unit != null) {
            user.setSingleAttribute(PartnerAttributes.MEMBER_BUSINESS_UNIT, unit);
        } else {
            user.removeAttribute(PartnerAttributes.MEMBER_BUSINESS_UNIT);
        }
        PartnerMember added = PartnerMember.of(user);
        ObjectNode details = evidence(added);
        details.put("policyVersion", policies.current(realm).map(StoredPolicy::version).orElse(null));
        ledger.append(realm.getId(), EvidenceType.MEMBER_ADDED, actor, user.getId(), organization.getId(), details);
        return added;
    }

    public void removeMember(String id, String userId, Actor actor) {
        OrganizationModel organization = organization(id);
        UserModel user = !TextRules.plausibleId(userId) ? null : session.users().getUserById(realm, userId);
        if (user == null || !organizations().isMember(organization, user)) {
            throw Refusal.notFound("User '" + userId + "' is not a member of partner '" + organization.getName() + "'.");
        }
        ObjectNode details = evidence(PartnerMember.of(user));
        endMembership(organization.getId(), user, "User removed from partner '" + organization.getName() + "'.", actor, details);
        organizations().removeMember(organization, user);
        details.put("policyVersion", policies.current(realm).map(StoredPolicy::version).orElse(null));
        ledger.append(realm.getId(), EvidenceType.MEMBER_REMOVED, actor, userId, organization.getId(), details);
    }

    /**
     * What leaving a partner means, however the membership ends (our API, or Keycloak's own console and API, seen by
     * the event listener): the user's pending requests in that partner are cancelled, its grants revoked, every
     * session ended and the business unit removed. The counts go into {@code details}, the MEMBER_REMOVED record's
     * body, which the caller appends.
     */
    public void endMembership(String organizationId, UserModel user, String why, Actor actor, ObjectNode details) {
        var pending = requests.lockPending(organizationId, user.getId());
        var held = grants.lockActive(organizationId, user.getId());
        details.put("requestsCancelled", requests.cancelAll(pending, why, actor));
        details.put("grantsRevoked", grants.revokeAll(held, why, actor));
        details.put("sessionsEnded", sessions.endAll(user));
        user.removeAttribute(PartnerAttributes.MEMBER_BUSINESS_UNIT);
    }

    /** The member as the MEMBER_ADDED and MEMBER_REMOVED records hold it (the same fields as the API's representation). */
    private static ObjectNode evidence(PartnerMember member) {
        ObjectNode json = Json.object();
        json.put("userId", member.userId());
        json.put("username", member.username());
        json.put("email", member.email());
        json.put("businessUnit", member.businessUnit());
        return json;
    }
}
