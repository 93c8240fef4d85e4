package dev.partneraccess.core.access;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;

/**
 * What every user of a realm gets without asking: the realm's default roles and default groups. A governed role there
 * would reach every user with no grant, whichever path put it there (the admin console, a partial import that
 * overwrote {@code default-roles-<realm>}, a default group that holds one). The listener runs this after each of
 * Keycloak's admin calls and the sweep on every run: in {@code revert} mode the governed role leaves the default role
 * (or the group stops being a default group); in {@code flag} mode the listener records it and leaves it.
 */
public final class DefaultAccessCheck {

    private static final Logger LOG = Logger.getLogger(DefaultAccessCheck.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;

    public DefaultAccessCheck(KeycloakSession session, RealmModel realm, EvidenceLedger ledger) {
        this.session = session;
        this.realm = realm;
        this.ledger = ledger;
    }

    /**
     * Reverts (or, with {@code flagToo}, flags) governed roles among the realm's defaults; answers how many were
     * found. {@code trigger} is the admin call's resource path, or {@code sweep}.
     */
    public int run(Policy policy, Actor actor, String trigger, boolean flagToo) {
        boolean revert = "revert".equals(policy.outOfBand());
        if (!revert && !flagToo) {
            return 0;
        }
        List<RoleModel> governed = GovernedRoles.roles(realm, policy);
        if (governed.isEmpty()) {
            return 0;
        }
        int found = 0;
        RoleModel defaults = realm.getDefaultRole();
        if (defaults != null) {
            for (RoleModel role : defaults.getCompositesStream().toList()) {
                Optional<RoleModel> hit = GovernedRoles.governedIn(Stream.of(role), governed);
                if (hit.isPresent()) {
                    if (revert) {
                        defaults.removeCompositeRole(role);
                    }
                    record(policy, actor, defaults.getId(), hit.get(), role, "default-role", trigger, revert)
                            .put("compositeRole", defaults.getName());
                    found++;
                }
            }
        }
        for (GroupModel group : realm.getDefaultGroupsStream().toList()) {
            Optional<RoleModel> hit = GovernedRoles.governedIn(GovernedRoles.effectiveRoles(group), governed);
            if (hit.isPresent()) {
                if (revert) {
                    realm.removeDefaultGroup(group);
                }
                record(policy, actor, group.getId(), hit.get(), hit.get(), "default-group", trigger, revert)
                        .put("groupName", group.getName());
                found++;
            }
        }
        return found;
    }

    private ObjectNode record(Policy policy, Actor actor, String subject, RoleModel governed, RoleModel mapped, String via,
                              String trigger, boolean reverted) {
        ObjectNode details = Json.object();
        details.put("role", governed.getName());
        details.put("client", GovernedRoles.clientIdOf(governed));
        if (!mapped.getId().equals(governed.getId())) {
            details.put("mappedRole", mapped.getName());
        }
        details.putNull("user");
        details.put("via", via);
        details.put("resourcePath", trigger);
        details.put("mode", policy.outOfBand());
        details.put("reverted", reverted);
        ledger.append(realm.getId(), reverted ? EvidenceType.OUT_OF_BAND_GRANT_REVERTED
                : EvidenceType.OUT_OF_BAND_GRANT_FLAGGED, actor, subject, null, details);
        LOG.warnf("governed role %s among the defaults of realm %s (%s, %s): %s", governed.getName(), realm.getName(), via,
                trigger, reverted ? "reverted" : "flagged");
        return details;
    }
}
