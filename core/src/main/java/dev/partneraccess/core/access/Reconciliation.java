package dev.partneraccess.core.access;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.support.Json;

/**
 * Lists where a governed role is held without an active grant: direct user mappings with no grant behind them, group
 * mappings, and composite roles that include a governed role. These are what the out-of-band guard could not see
 * (mapped before the extension was installed, while the listener was off, by import, or kept in {@code flag} mode).
 * At most {@value #MAX_FINDINGS} findings are listed; {@code truncated} says when there were more.
 */
public final class Reconciliation {

    static final int MAX_FINDINGS = 1000;

    private final KeycloakSession session;
    private final RealmModel realm;

    public Reconciliation(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public ObjectNode report(Policy policy) {
        ObjectNode report = Json.object();
        report.put("checkedAt", Json.isoTime(Time.currentTimeMillis()));
        List<RoleModel> governed = GovernedRoles.roles(realm, policy);
        ArrayNode roles = report.putArray("governedRoles");
        governed.forEach(role -> roles.addObject().put("role", role.getName()).put("client", GovernedRoles.clientIdOf(role)));
        ArrayNode findings = report.putArray("findings");

        for (RoleModel role : governed) {
            Set<String> granted = new HashSet<>(session.getProvider(JpaConnectionProvider.class).getEntityManager()
                    .createQuery("select g.userId from PaGrant g where g.realmId = :realmId and g.roleId = :roleId"
                            + " and g.status = 'ACTIVE'", String.class)
                    .setParameter("realmId", realm.getId()).setParameter("roleId", role.getId()).getResultList());
            session.users().getRoleMembersStream(realm, role, 0, MAX_FINDINGS + 1)
                    .filter(user -> !granted.contains(user.getId()))
                    .forEach(user -> finding(findings, "user", role).put("user", user.getId()).put("username", user.getUsername()));
            session.groups().getGroupsStream(realm).filter(group -> group.hasDirectRole(role))
                    .forEach(group -> finding(findings, "group", role).put("group", group.getId()).put("groupName", group.getName())
                            .put("members", session.users().getGroupMembersStream(realm, group, 0, MAX_FINDINGS + 1).count()));
        }
        realm.getRolesStream().forEach(role -> composite(findings, role, governed));
        realm.getClientsStream().flatMap(ClientModel::getRolesStream).forEach(role -> composite(findings, role, governed));

        boolean truncated = findings.size() > MAX_FINDINGS;
        while (findings.size() > MAX_FINDINGS) {
            findings.remove(findings.size() - 1);
        }
        report.put("truncated", truncated);
        return report;
    }

    private void composite(ArrayNode findings, RoleModel candidate, List<RoleModel> governed) {
        if (!candidate.isComposite()) {
            return;
        }
        boolean defaults = realm.getDefaultRole() != null && realm.getDefaultRole().getId().equals(candidate.getId());
        for (RoleModel role : governed) {
            if (!role.getId().equals(candidate.getId()) && candidate.hasRole(role)) {
                ObjectNode finding = finding(findings, defaults ? "default-role" : "composite", role)
                        .put("compositeRole", candidate.getName()).put("compositeClient", GovernedRoles.clientIdOf(candidate));
                if (defaults) {
                    // Every user of the realm holds the default role, and with it the governed one.
                    finding.put("holders", session.users().getUsersCount(realm));
                }
            }
        }
    }

    private static ObjectNode finding(ArrayNode findings, String kind, RoleModel role) {
        return findings.addObject().put("kind", kind).put("role", role.getName()).put("client", GovernedRoles.clientIdOf(role));
    }
}
