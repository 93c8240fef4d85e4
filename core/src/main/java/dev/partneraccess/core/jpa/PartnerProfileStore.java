package dev.partneraccess.core.jpa;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.partneraccess.core.support.Json;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * The last known {@code partner.*} attributes of each partner organization: written whenever the product changes a
 * partner, read when Keycloak's own organization API changed one, to tell what changed and to put it back.
 */
public final class PartnerProfileStore {

    private static final TypeReference<Map<String, List<String>>> ATTRIBUTES = new TypeReference<>() {
    };

    private final KeycloakSession session;

    public PartnerProfileStore(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** A partner's name and {@code partner.*} attributes as last recorded. */
    public record Recorded(String name, Map<String, List<String>> attributes) {
    }

    /** The recorded profile, locked for the rest of the transaction; empty when the organization has none. */
    public Optional<Recorded> locked(String organizationId) {
        PartnerProfileEntity entity = em().find(PartnerProfileEntity.class, organizationId, LockModeType.PESSIMISTIC_WRITE);
        return Optional.ofNullable(entity).map(e -> parse(e.getAttributes()));
    }

    /** Records the name and the {@code partner.*} attributes of the organization (only those; the rest is Keycloak's). */
    public void record(String realmId, String organizationId, String name, Map<String, List<String>> attributes) {
        Map<String, List<String>> profile = new TreeMap<>();
        attributes.forEach((key, values) -> {
            if (key.startsWith("partner.")) {
                profile.put(key, List.copyOf(values));
            }
        });
        var json = Json.object();
        json.put("name", name);
        json.set("attributes", Json.MAPPER.valueToTree(profile));
        PartnerProfileEntity entity = em().find(PartnerProfileEntity.class, organizationId);
        if (entity == null) {
            entity = new PartnerProfileEntity();
            entity.setId(organizationId);
            entity.setRealmId(realmId);
            entity.setAttributes(Json.write(json));
            entity.setUpdatedAt(Time.currentTimeMillis());
            em().persist(entity);
        } else {
            entity.setAttributes(Json.write(json));
            entity.setUpdatedAt(Time.currentTimeMillis());
        }
    }

    /** The ids of the realm's organizations with a recorded profile. */
    public List<String> recordedIds(String realmId) {
        return em().createNamedQuery("PA_PartnerProfile.idsOfRealm", String.class).setParameter("realmId", realmId).getResultList();
    }

    private static Recorded parse(String json) {
        try {
            var node = Json.MAPPER.readTree(json);
            Map<String, List<String>> attributes = Json.MAPPER.convertValue(node.get("attributes"), ATTRIBUTES);
            return new Recorded(node.path("name").asText(null), new LinkedHashMap<>(attributes));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("unreadable partner profile row", e);
        }
    }
}
