package dev.partneraccess.core.policy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.keycloak.models.RealmModel;

/**
 * The current policy without a database read, or a parse and validation of the document, per use: logins, token
 * mappers, listeners, the sweep and every service read it through {@link PolicyStore#current(RealmModel)}. The realm attribute
 * {@value #VERSION_ATTRIBUTE}, set with every saved version, is served from Keycloak's realm cache and invalidated
 * across the cluster like any realm change; the parsed policy is kept per realm and version, so a node never serves
 * a version other than the one the realm currently names. One instance per node, held by the partner access
 * provider's factory.
 */
public final class PolicyCache {

    public static final String VERSION_ATTRIBUTE = "partner-access.policyVersion";

    private final Map<String, StoredPolicy> byRealm = new ConcurrentHashMap<>();

    Optional<StoredPolicy> current(RealmModel realm, Function<RealmModel, Optional<StoredPolicy>> load) {
        String version = realm.getAttribute(VERSION_ATTRIBUTE);
        StoredPolicy cached = byRealm.get(realm.getId());
        if (version != null && cached != null && Integer.toString(cached.version()).equals(version)) {
            return Optional.of(cached);
        }
        // No attribute (a policy saved before it existed) or a newer version: read the database.
        Optional<StoredPolicy> loaded = load.apply(realm);
        if (version != null) {
            loaded.filter(p -> Integer.toString(p.version()).equals(version)).ifPresent(p -> byRealm.put(realm.getId(), p));
        }
        return loaded;
    }

    /** Drops what this node holds for a removed realm. */
    public void forget(String realmId) {
        byRealm.remove(realmId);
    }
}
