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

    /** The recorded attributes, locked for the rest of the transaction; empty when the organization has none. */
    public Optional<Map<String, List<String>>> lockedAttributes(String organizationId) {
        PartnerProfileEntity entity = em().find(PartnerProfileEntity.class, organizationId, LockModeType.PESSIMISTIC_WRITE);
        return Optional.ofNullable(entity).map(e -> parse(e.getAttributes()));
    }

    /** Records the {@code partner.*} attributes of the organization (only those; the rest is Keycloak's). */
    public void record(String realmId, String organizationId, Map<String, List<String>> attributes) {
        Map<String, List<String>> profile = new TreeMap<>();
        attributes.forEach((name, values) -> {
            if (name.startsWith("partner.")) {
                profile.put(name, List.copyOf(values));
            }
        });
        PartnerProfileEntity entity = em().find(PartnerProfileEntity.class, organizationId);
        if (entity == null) {
            entity = new PartnerProfileEntity();
            entity.setId(organizationId);
            entity.setRealmId(realmId);
            entity.setAttributes(Json.write(Json.MAPPER.valueToTree(profile)));
            entity.setUpdatedAt(Time.currentTimeMillis());
            em().persist(entity);
        } else {
            entity.setAttributes(Json.write(Json.MAPPER.valueToTree(profile)));
            entity.setUpdatedAt(Time.currentTimeMillis());
        }
    }

    public void forget(String organizationId) {
        PartnerProfileEntity entity = em().find(PartnerProfileEntity.class, organizationId);
        if (entity != null) {
            em().remove(entity);
        }
    }

    /** The ids of the realm's organizations with a recorded profile. */
    public List<String> recordedIds(String realmId) {
        return em().createNamedQuery("PA_PartnerProfile.idsOfRealm", String.class).setParameter("realmId", realmId).getResultList();
    }

    private static Map<String, List<String>> parse(String json) {
        try {
            return new LinkedHashMap<>(Json.MAPPER.readValue(json, ATTRIBUTES));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable partner profile row", e);
        }
    }
}
