package dev.partneraccess.core.access;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * The users who hold an approver realm role however they hold it, as {@link Approvers#mayDecide} counts it when they
 * decide: directly, through a realm role that contains it (composites, the realm's default roles among them), or
 * through a group or a parent group mapped to either. Used to mail approvers and to name the reviewers of a review,
 * so that nobody who may decide is left out of either. At most {@code max} users, in the order found.
 */
public final class RoleHolders {

    private final KeycloakSession session;
    private final RealmModel realm;

    public RoleHolders(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The holders of the realm role of this (lower-case) name; empty when the realm has no such role. */
    public Map<String, UserModel> of(String roleName, int max) {
        List<RoleModel> named = realm.getRolesStream()
                .filter(role -> Approvers.normalise(role.getName()).equals(roleName)).toList();
        Map<String, UserModel> users = new LinkedHashMap<>();
        if (named.isEmpty()) {
            return users;
        }
        // Realm roles that grant the approver role: itself and every composite containing it, however deep.
        Set<RoleModel> granting = realm.getRolesStream()
                .filter(role -> named.contains(role) || role.isComposite() && named.stream().anyMatch(role::hasRole))
                .collect(Collectors.toSet());
        for (RoleModel role : granting) {
            add(users, session.users().getRoleMembersStream(realm, role, 0, max).toList(), max);
        }
        Deque<GroupModel> groups = new ArrayDeque<>(session.groups().getGroupsStream(realm)
                .filter(group -> granting.stream().anyMatch(group::hasDirectRole)).toList());
        // A subgroup's members hold their parent's roles.
        while (!groups.isEmpty() && users.size() < max) {
            GroupModel group = groups.pop();
            add(users, session.users().getGroupMembersStream(realm, group, 0, max).toList(), max);
            group.getSubGroupsStream().forEach(groups::push);
        }
        return users;
    }

    private static void add(Map<String, UserModel> users, List<UserModel> found, int max) {
        for (UserModel user : found) {
            if (users.size() >= max) {
                return;
            }
            users.putIfAbsent(user.getId(), user);
        }
    }
}
