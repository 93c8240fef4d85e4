package dev.partneraccess.listener;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.services.ErrorResponse;

import dev.partneraccess.core.access.GovernedRoles;
import dev.partneraccess.core.access.GrantService;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;

import jakarta.ws.rs.core.Response;

/**
 * Refuses a governed role inside the admin request that would map it any other way than through a grant, with a 400
 * whose message says to request it: Keycloak fires these model events while the admin's call runs, so the admin
 * console and {@code kcadm.sh} show why and nothing is mapped. It covers a role (or a composite holding one) mapped to
 * a user, joining a group that holds one (also at user creation and through default groups), and moving a group with
 * members under a group that holds one. With the policy's {@code "outOfBand": "flag"}, or outside an admin request
 * (a login, a brokered first login), nothing is refused here; the admin-event checks revert or flag as before.
 */
final class GovernedRoleGuard {

    private GovernedRoleGuard() {
    }

    static void onEvent(ProviderEvent event) {
        if (event instanceof OrganizationModel.OrganizationMemberJoinEvent joined) {
            BrokeredMembers.joined(joined);
        } else if (event instanceof RoleModel.RoleGrantedEvent granted) {
            KeycloakSession session = granted.getKeycloakSession();
            UserModel user = granted.getUser();
            if (isOurGrant(session, granted.getRole(), user)) {
                return;
            }
            governing(session, granted.getRealm()).flatMap(governed -> GovernedRoles.governedIn(Stream.of(granted.getRole()), governed))
                    .ifPresent(role -> refuse(session, granted.getRealm(), role, "mapped to user '" + user.getUsername() + "'"));
        } else if (event instanceof GroupModel.GroupMemberJoinEvent joined) {
            KeycloakSession session = joined.getKeycloakSession();
            governing(session, joined.getRealm()).flatMap(governed -> GovernedRoles.governedIn(GovernedRoles.effectiveRoles(joined.getGroup()), governed))
                    .ifPresent(role -> refuse(session, joined.getRealm(), role, "given through group '" + joined.getGroup().getName()
                            + "', which user '" + joined.getUser().getUsername() + "' would join"));
        } else if (event instanceof GroupModel.GroupPathChangeEvent moved) {
            KeycloakSession session = moved.getKeycloakSession();
            GroupModel group = moved.getGroup();
            GroupModel parent = group.getParent();
            if (parent == null || !hasMembers(session, moved.getRealm(), group)) {
                return;
            }
            governing(session, moved.getRealm()).flatMap(governed -> GovernedRoles.governedIn(GovernedRoles.effectiveRoles(parent), governed))
                    .ifPresent(role -> refuse(session, moved.getRealm(), role, "given to the members of group '" + group.getName()
                            + "' by moving it under '" + parent.getName() + "'"));
        }
    }

    /** The realm's governed roles, when the policy refuses exceptions and the event happens inside an admin call. */
    private static Optional<List<RoleModel>> governing(KeycloakSession session, RealmModel realm) {
        if (realm == null || !AdminCall.isAdminRequest(session)) {
            return Optional.empty();
        }
        Optional<Policy> policy = session.getProvider(PartnerAccessProvider.class).policies().current(realm).map(StoredPolicy::policy);
        if (policy.isEmpty() || !"revert".equals(policy.get().outOfBand()) || policy.get().programmes().isEmpty()) {
            return Optional.empty();
        }
        List<RoleModel> governed = GovernedRoles.roles(realm, policy.get());
        return governed.isEmpty() ? Optional.empty() : Optional.of(governed);
    }

    private static boolean isOurGrant(KeycloakSession session, RoleModel role, UserModel user) {
        return user.getId().equals(session.getAttribute(GrantService.GRANTING + role.getId()));
    }

    private static boolean hasMembers(KeycloakSession session, RealmModel realm, GroupModel group) {
        if (session.users().getGroupMembersStream(realm, group, 0, 1).findAny().isPresent()) {
            return true;
        }
        return group.getSubGroupsStream().anyMatch(sub -> hasMembers(session, realm, sub));
    }

    private static void refuse(KeycloakSession session, RealmModel realm, RoleModel role, String how) {
        String name = GovernedRoles.describe(role.getName(), GovernedRoles.clientIdOf(role));
        throw ErrorResponse.error("The " + name + " is governed by Partner Access; it cannot be " + how
                + ". Request it with POST /admin/realms/" + realm.getName() + "/partner-access/requests (or in the"
                + " Partner Access console), where the policy's approvals and time limit apply.", Response.Status.BAD_REQUEST);
    }
}
