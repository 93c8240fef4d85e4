package dev.partneraccess.core.access;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

import dev.partneraccess.core.access.ReconciliationReport.CompositeFinding;
import dev.partneraccess.core.access.ReconciliationReport.Finding;
import dev.partneraccess.core.access.ReconciliationReport.GovernedRole;
import dev.partneraccess.core.access.ReconciliationReport.GroupFinding;
import dev.partneraccess.core.access.ReconciliationReport.UserFinding;
import dev.partneraccess.core.jpa.PostureStore;
import dev.partneraccess.core.policy.Policy;

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
    private final PostureStore store;

    public Reconciliation(KeycloakSession session, RealmModel realm, PostureStore store) {
        this.session = session;
        this.realm = realm;
        this.store = store;
    }

    public ReconciliationReport report(Policy policy) {
        long checkedAt = Time.currentTimeMillis();
        List<RoleModel> governed = GovernedRoles.roles(realm, policy);
        List<GovernedRole> roles = new ArrayList<>();
        governed.forEach(role -> roles.add(new GovernedRole(role.getName(), GovernedRoles.clientIdOf(role))));
        List<Finding> findings = new ArrayList<>();

        for (RoleModel role : governed) {
            Set<String> granted = new HashSet<>(store.activeGrantHolders(realm.getId(), role.getId()));
            session.users().getRoleMembersStream(realm, role, 0, MAX_FINDINGS + 1)
                    .filter(user -> !granted.contains(user.getId()))
                    .forEach(user -> findings.add(new UserFinding(role.getName(), GovernedRoles.clientIdOf(role),
                            user.getId(), user.getUsername())));
            session.groups().getGroupsStream(realm).filter(group -> group.hasDirectRole(role))
                    .forEach(group -> findings.add(new GroupFinding(role.getName(), GovernedRoles.clientIdOf(role),
                            group.getId(), group.getName(),
                            session.users().getGroupMembersStream(realm, group, 0, MAX_FINDINGS + 1).count())));
        }
        realm.getRolesStream().forEach(role -> composite(findings, role, governed));
        realm.getClientsStream().flatMap(ClientModel::getRolesStream).forEach(role -> composite(findings, role, governed));

        boolean truncated = findings.size() > MAX_FINDINGS;
        while (findings.size() > MAX_FINDINGS) {
            findings.remove(findings.size() - 1);
        }
        return new ReconciliationReport(checkedAt, List.copyOf(roles), List.copyOf(findings), truncated);
    }

    private void composite(List<Finding> findings, RoleModel candidate, List<RoleModel> governed) {
        if (!candidate.isComposite()) {
            return;
        }
        boolean defaults = realm.getDefaultRole() != null && realm.getDefaultRole().getId().equals(candidate.getId());
        for (RoleModel role : governed) {
            if (!role.getId().equals(candidate.getId()) && candidate.hasRole(role)) {
                // Every user of the realm holds the default role, and with it the governed one.
                int holders = defaults ? session.users().getUsersCount(realm) : 0;
                findings.add(new CompositeFinding(role.getName(), GovernedRoles.clientIdOf(role), candidate.getName(),
                        GovernedRoles.clientIdOf(candidate), defaults, holders));
            }
        }
    }
}
