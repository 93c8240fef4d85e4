package dev.partneraccess.listener;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

import com.fasterxml.jackson.databind.JsonNode;

import dev.partneraccess.core.support.Json;

/** Reads the roles an admin event is about from its representation and its resource path. */
final class AdminEventRoles {

    /** Logs under the guard's name, as an operator filters on it. */
    private static final Logger LOG = Logger.getLogger(OutOfBandGuard.class);

    private AdminEventRoles() {
    }

    /**
     * The roles an event mapped: read from the event's representation when admin event details are on, otherwise
     * every direct mapping of the subject (which then also finds older exceptions on the same subject).
     */
    static List<RoleModel> mappedRoles(RealmModel realm, AdminEvent event, String[] parts, Stream<RoleModel> fallback) {
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
    static RoleModel compositeOf(RealmModel realm, String[] parts) {
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
}
