package dev.partneraccess.listener;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.GovernedRoles;
import dev.partneraccess.core.access.GrantService;
import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;

/**
 * Catches governed roles that reach a user other than through an approved request: a role mapping made with
 * Keycloak's admin API or console (to a user or a group), a group membership that brings one, or a composite role
 * that comes to include one. Keycloak delivers the admin event inside the admin's transaction, so in
 * {@code "revert"} mode the mapping is removed before anyone can use it; in {@code "flag"} mode it stays. Either way
 * the ledger records it with the admin who did it. The grant service maps roles through the model, which raises no
 * admin event, so a real grant is never taken for an exception.
 */
final class OutOfBandGuard {

    private static final Logger LOG = Logger.getLogger(OutOfBandGuard.class);

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
        Context context = new Context(realm, policy, governed, actor, event.getResourcePath(), access().ledger());
        String[] parts = event.getResourcePath().split("/");
        if (parts.length >= 4 && parts[0].equals("users") && parts[2].equals("role-mappings")) {
            UserModel user = session.users().getUserById(realm, parts[1]);
            if (user != null) {
                userMappings(context, user, mappedRoles(realm, event, parts, user.getRoleMappingsStream()));
            }
        } else if (parts.length >= 4 && parts[0].equals("groups") && parts[2].equals("role-mappings")) {
            GroupModel group = realm.getGroupById(parts[1]);
            if (group != null) {
                groupMappings(context, group, mappedRoles(realm, event, parts, group.getRoleMappingsStream()));
            }
        } else if (parts.length == 4 && parts[0].equals("users") && parts[2].equals("groups")) {
            UserModel user = session.users().getUserById(realm, parts[1]);
            GroupModel group = realm.getGroupById(parts[3]);
            if (user != null && group != null) {
                membership(context, user, group);
            }
        } else if (event.getResourcePath().endsWith("/composites")) {
            RoleModel composite = compositeOf(realm, parts);
            if (composite != null) {
                composites(context, composite, mappedRoles(realm, event, parts, composite.getCompositesStream()));
            }
        }
    }

    private record Context(RealmModel realm, Policy policy, List<RoleModel> governed, Actor actor, String path,
                           EvidenceLedger ledger) {

        boolean revert() {
            return "revert".equals(policy.outOfBand());
        }

        /** The governed role {@code role} is or includes, if any. */
        Optional<RoleModel> governedIn(RoleModel role) {
            for (RoleModel g : governed) {
                if (g.getId().equals(role.getId())) {
                    return Optional.of(g);
                }
            }
            if (role.isComposite()) {
                for (RoleModel g : governed) {
                    if (role.hasRole(g)) {
                        return Optional.of(g);
                    }
                }
            }
            return Optional.empty();
        }
    }

    private void userMappings(Context context, UserModel user, List<RoleModel> mapped) {
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

    private void groupMappings(Context context, GroupModel group, List<RoleModel> mapped) {
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

    private void membership(Context context, UserModel user, GroupModel group) {
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

    private void composites(Context context, RoleModel composite, List<RoleModel> added) {
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

    private ObjectNode details(Context context, RoleModel mapped, RoleModel governed, String via) {
        ObjectNode details = Json.object();
        details.put("role", governed.getName());
        details.put("client", GovernedRoles.clientIdOf(governed));
        if (!mapped.getId().equals(governed.getId())) {
            details.put("mappedRole", mapped.getName());
            details.put("mappedClient", GovernedRoles.clientIdOf(mapped));
        }
        details.put("via", via);
        details.put("resourcePath", context.path());
        details.put("mode", context.policy().outOfBand());
        return details;
    }

    private void record(Context context, String subject, String partnerId, ObjectNode details) {
        boolean revert = context.revert();
        details.put("reverted", revert);
        context.ledger().append(context.realm().getId(),
                revert ? EvidenceType.OUT_OF_BAND_GRANT_REVERTED : EvidenceType.OUT_OF_BAND_GRANT_FLAGGED,
                context.actor(), subject, partnerId, details);
        LOG.warnf("out-of-band %s of governed role %s by %s in realm %s (%s): %s", details.get("via").asText(),
                details.get("role").asText(), context.actor().username(), context.realm().getName(), context.path(),
                revert ? "reverted" : "flagged");
    }

    /**
     * The roles an event mapped: read from the event's representation when admin event details are on, otherwise
     * every direct mapping of the subject (which then also finds older exceptions on the same subject).
     */
    private static List<RoleModel> mappedRoles(RealmModel realm, AdminEvent event, String[] parts, Stream<RoleModel> fallback) {
        String representation = event.getRepresentation();
        if (representation != null && !representation.isBlank()) {
            try {
                JsonNode roles = Json.MAPPER.readTree(representation);
                if (roles.isArray()) {
                    Set<RoleModel> found = new LinkedHashSet<>();
                    for (JsonNode role : roles) {
                        RoleModel model = role.hasNonNull("id") ? realm.getRoleById(role.get("id").asText()) : null;
                        if (model == null && role.hasNonNull("name")) {
                            model = byName(realm, parts, role.get("name").asText());
                        }
                        if (model != null) {
                            found.add(model);
                        }
                    }
                    return new ArrayList<>(found);
                }
            } catch (Exception unreadable) {
                LOG.debugf(unreadable, "admin event representation unreadable for %s", event.getResourcePath());
            }
        }
        return fallback.toList();
    }

    private static RoleModel byName(RealmModel realm, String[] parts, String name) {
        int clients = java.util.Arrays.asList(parts).indexOf("clients");
        if (clients >= 0 && clients + 1 < parts.length) {
            ClientModel client = realm.getClientById(parts[clients + 1]);
            return client == null ? null : client.getRole(name);
        }
        return realm.getRole(name);
    }

    /** The composite role of {@code roles-by-id/{id}/composites}, {@code roles/{name}/composites} or a client's. */
    private static RoleModel compositeOf(RealmModel realm, String[] parts) {
        if (parts.length == 3 && parts[0].equals("roles-by-id")) {
            return realm.getRoleById(parts[1]);
        }
        if (parts.length == 3 && parts[0].equals("roles")) {
            return realm.getRole(parts[1]);
        }
        if (parts.length == 5 && parts[0].equals("clients") && parts[2].equals("roles")) {
            ClientModel client = realm.getClientById(parts[1]);
            return client == null ? null : client.getRole(parts[3]);
        }
        return null;
    }

    private String partnerOf(RealmModel realm, UserModel user) {
        return PartnerDirectory.partnerOf(session, realm, user).map(Partner::id).orElse(null);
    }

    private GrantService grants(RealmModel realm) {
        return access().grants(realm);
    }

    private PartnerAccessProvider access() {
        return session.getProvider(PartnerAccessProvider.class);
    }
}
