package dev.partneraccess.listener;

import static dev.partneraccess.listener.OutOfBandEvidence.details;
import static dev.partneraccess.listener.OutOfBandEvidence.record;

import java.util.List;
import java.util.Optional;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.GovernedRoles;
import dev.partneraccess.core.access.GrantService;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.spi.PartnerAccessProvider;

/**
 * The four ways a governed role can reach a user out of band, one method each: finds the governed roles the change
 * brought, undoes the change in {@code "revert"} mode, and has {@link OutOfBandEvidence} record it.
 */
final class OutOfBandMappings {

    private final KeycloakSession session;

    OutOfBandMappings(KeycloakSession session) {
        this.session = session;
    }

    void userMappings(OutOfBandContext context, UserModel user, List<RoleModel> mapped) {
        GrantService grants = grants(context.realm());
        for (RoleModel role : mapped) {
            Optional<RoleModel> governed = context.governedIn(role);
            if (governed.isEmpty()) {
                continue;
            }
            boolean direct = governed.get().getId().equals(role.getId());
            if (direct && grants.hasActiveGrant(user.getId(), role.getId())) {
                continue; // already held through a grant: the mapping changes nothing
            }
            if (context.revert()) {
                user.deleteRoleMapping(role);
            }
            ObjectNode details = details(context, role, governed.get(), direct ? "user-role-mapping" : "composite-role-mapping");
            details.put("user", user.getId());
            details.put("username", user.getUsername());
            record(context, user.getId(), partnerOf(context.realm(), user), details);
        }
    }

    void groupMappings(OutOfBandContext context, GroupModel group, List<RoleModel> mapped) {
        for (RoleModel role : mapped) {
            Optional<RoleModel> governed = context.governedIn(role);
            if (governed.isEmpty()) {
                continue;
            }
            // A governed role is never held through a group: a grant belongs to one user and ends on its own date.
            if (context.revert()) {
                group.deleteRoleMapping(role);
            }
            ObjectNode details = details(context, role, governed.get(), "group-role-mapping");
            details.putNull("user");
            details.put("group", group.getId());
            details.put("groupName", group.getName());
            record(context, group.getId(), null, details);
        }
    }

    void membership(OutOfBandContext context, UserModel user, GroupModel group) {
        for (GroupModel g = group; g != null; g = g.getParent()) {
            for (RoleModel role : g.getRoleMappingsStream().toList()) {
                Optional<RoleModel> governed = context.governedIn(role);
                if (governed.isEmpty()) {
                    continue;
                }
                if (context.revert()) {
                    user.leaveGroup(group);
                }
                ObjectNode details = details(context, role, governed.get(), "group-membership");
                details.put("user", user.getId());
                details.put("username", user.getUsername());
                details.put("group", group.getId());
                details.put("groupName", group.getName());
                record(context, user.getId(), partnerOf(context.realm(), user), details);
                return;
            }
        }
    }

    void composites(OutOfBandContext context, RoleModel composite, List<RoleModel> added) {
        for (RoleModel role : added) {
            Optional<RoleModel> governed = context.governedIn(role);
            if (governed.isEmpty() || governed.get().getId().equals(composite.getId())) {
                continue;
            }
            if (context.revert()) {
                composite.removeCompositeRole(role);
            }
            ObjectNode details = details(context, role, governed.get(), "composite-role");
            details.putNull("user");
            details.put("compositeRole", composite.getName());
            details.put("compositeClient", GovernedRoles.clientIdOf(composite));
            record(context, composite.getId(), null, details);
        }
    }

    private String partnerOf(RealmModel realm, UserModel user) {
        return PartnerDirectory.partnerOf(session, realm, user).map(Partner::id).orElse(null);
    }

    private GrantService grants(RealmModel realm) {
        return session.getProvider(PartnerAccessProvider.class).grants(realm);
    }
}
