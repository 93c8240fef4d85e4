package dev.partneraccess.core.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

import dev.partneraccess.core.policy.Policy;

/** The roles a policy governs: each programme names a realm role, or a client role with its client id. */
public final class GovernedRoles {

    private GovernedRoles() {
    }

    public static Optional<Policy.Programme> programme(Policy policy, String role, String clientId) {
        return policy.programmes().stream()
                .filter(p -> p.role().equals(role) && Objects.equals(p.client(), clientId))
                .findFirst();
    }

    /** The programme governing {@code role}, if any. */
    public static Optional<Policy.Programme> programmeOf(Policy policy, RoleModel role) {
        return programme(policy, role.getName(), clientIdOf(role));
    }

    /** The Keycloak role a programme names, or null when it no longer exists. */
    public static RoleModel resolve(RealmModel realm, Policy.Programme programme) {
        if (programme.client() == null) {
            return realm.getRole(programme.role());
        }
        ClientModel client = realm.getClientByClientId(programme.client());
        return client == null ? null : client.getRole(programme.role());
    }

    public static List<RoleModel> roles(RealmModel realm, Policy policy) {
        List<RoleModel> roles = new ArrayList<>();
        for (Policy.Programme programme : policy.programmes()) {
            RoleModel role = resolve(realm, programme);
            if (role != null) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** The first governed role among {@code roles} or the roles they contain. */
    public static Optional<RoleModel> governedIn(java.util.stream.Stream<RoleModel> roles, List<RoleModel> governed) {
        return roles.flatMap(role -> governed.stream().filter(g -> g.getId().equals(role.getId())
                || role.isComposite() && role.hasRole(g))).findFirst();
    }

    /** The roles a group gives its members: its own mappings and those of every group above it. */
    public static java.util.stream.Stream<RoleModel> effectiveRoles(org.keycloak.models.GroupModel group) {
        java.util.stream.Stream<RoleModel> own = group.getRoleMappingsStream();
        return group.getParent() == null ? own : java.util.stream.Stream.concat(own, effectiveRoles(group.getParent()));
    }

    /** The client id of a client role's client, or null for a realm role. */
    public static String clientIdOf(RoleModel role) {
        return role.isClientRole() && role.getContainer() instanceof ClientModel client ? client.getClientId() : null;
    }

    /** How a role is named in messages: {@code role} or {@code client/role}. */
    public static String describe(String role, String clientId) {
        return clientId == null ? "realm role '" + role + "'" : "role '" + role + "' of client '" + clientId + "'";
    }
}
