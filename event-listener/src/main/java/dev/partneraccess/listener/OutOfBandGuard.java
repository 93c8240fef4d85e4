package dev.partneraccess.listener;

import static dev.partneraccess.listener.AdminEventRoles.compositeOf;
import static dev.partneraccess.listener.AdminEventRoles.mappedRoles;

import java.util.List;
import java.util.Optional;

import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import dev.partneraccess.core.access.GovernedRoles;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;

/**
 * Catches governed roles that reach a user other than through an approved request: a role mapping made with
 * Keycloak's admin API or console (to a user or a group), a group membership that brings one, or a composite role
 * that comes to include one. Keycloak delivers the admin event inside the admin's transaction, so in
 * {@code "revert"} mode the mapping is removed before anyone can use it; in {@code "flag"} mode it stays. Either way
 * the ledger records it with the admin who did it. The grant service maps roles through the model, which raises no
 * admin event, so a real grant is never taken for an exception.
 * <p>
 * This class reads the event and hands it on: {@link AdminEventRoles} finds the roles and the subject in it,
 * {@link OutOfBandMappings} checks each kind of change and undoes it, {@link OutOfBandEvidence} records it.
 */
final class OutOfBandGuard {

    private final KeycloakSession session;

    OutOfBandGuard(KeycloakSession session) {
        this.session = session;
    }

    static boolean concerns(AdminEvent event) {
        if (event.getOperationType() != OperationType.CREATE || event.getResourcePath() == null) {
            return false;
        }
        ResourceType type = event.getResourceType();
        return type == ResourceType.REALM_ROLE_MAPPING || type == ResourceType.CLIENT_ROLE_MAPPING
                || type == ResourceType.GROUP_MEMBERSHIP
                || ((type == ResourceType.REALM_ROLE || type == ResourceType.CLIENT_ROLE) && event.getResourcePath().endsWith("/composites"));
    }

    void check(AdminEvent event, RealmModel realm, Actor actor) {
        Optional<StoredPolicy> stored = access().policies().current(realm);
        if (stored.isEmpty() || stored.get().policy().programmes().isEmpty()) {
            return;
        }
        Policy policy = stored.get().policy();
        List<RoleModel> governed = GovernedRoles.roles(realm, policy);
        if (governed.isEmpty()) {
            return;
        }
        OutOfBandContext context = new OutOfBandContext(realm, policy, governed, actor, event.getResourcePath(),
                access().ledger());
        OutOfBandMappings mappings = new OutOfBandMappings(session);
        String[] parts = event.getResourcePath().split("/");
        if (parts.length >= 4 && parts[0].equals("users") && parts[2].equals("role-mappings")) {
            UserModel user = session.users().getUserById(realm, parts[1]);
            if (user != null) {
                mappings.userMappings(context, user, mappedRoles(realm, event, parts, user.getRoleMappingsStream()));
            }
        } else if (parts.length >= 4 && parts[0].equals("groups") && parts[2].equals("role-mappings")) {
            GroupModel group = realm.getGroupById(parts[1]);
            if (group != null) {
                mappings.groupMappings(context, group, mappedRoles(realm, event, parts, group.getRoleMappingsStream()));
            }
        } else if (parts.length == 4 && parts[0].equals("users") && parts[2].equals("groups")) {
            UserModel user = session.users().getUserById(realm, parts[1]);
            GroupModel group = realm.getGroupById(parts[3]);
            if (user != null && group != null) {
                mappings.membership(context, user, group);
            }
        } else if (event.getResourcePath().endsWith("/composites")) {
            RoleModel composite = compositeOf(realm, parts);
            if (composite != null) {
                mappings.composites(context, composite, mappedRoles(realm, event, parts, composite.getCompositesStream()));
            }
        }
    }

    private PartnerAccessProvider access() {
        return session.getProvider(PartnerAccessProvider.class);
    }
}
