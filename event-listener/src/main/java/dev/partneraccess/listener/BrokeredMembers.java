package dev.partneraccess.listener;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;

/**
 * Members a partner gains through Keycloak's own organization onboarding: a first login through an identity provider
 * linked to the partner makes the user a managed member, with no admin call and so no admin event. It is recorded as
 * {@code MEMBER_ADDED}, and the one-partner rule holds: a user of another partner is not let in as a member of a
 * second one (the brokered login fails instead). Members added by an admin are unmanaged and recorded elsewhere.
 */
final class BrokeredMembers {

    static final String VIA = "identity-provider";

    private BrokeredMembers() {
    }

    static void joined(OrganizationModel.OrganizationMemberJoinEvent event) {
        KeycloakSession session = event.getSession();
        OrganizationModel organization = event.getOrganization();
        UserModel user = event.getUser();
        if (!Partner.isPartner(organization)) {
            return;
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (!organizations.isManagedMember(organization, user)) {
            return;
        }
        organizations.getByMember(user).filter(o -> !o.getId().equals(organization.getId()) && Partner.isPartner(o))
                .findFirst().ifPresent(other -> {
                    throw new ModelException("User '" + user.getUsername() + "' already belongs to partner '" + other.getName()
                            + "'; a user belongs to at most one partner.");
                });
        ObjectNode details = Json.object();
        details.put("via", VIA);
        details.put("userId", user.getId());
        details.put("username", user.getUsername());
        details.put("email", user.getEmail());
        details.put("managed", true);
        session.getProvider(PartnerAccessProvider.class).ledger().append(session.getContext().getRealm().getId(), EvidenceType.MEMBER_ADDED,
                new Actor(user.getId(), user.getUsername()), user.getId(), organization.getId(), details);
    }
}
