package dev.partneraccess.core.policy;

import java.util.List;
import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.PolicyVersionStore;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;

/** The versioned policy documents of each realm: every save is a new version, none is ever changed. */
public final class PolicyStore {

    /** Stored documents were checked against the realm when saved; reading them back does not re-check roles. */
    private static final RealmCatalog TRUSTING = new RealmCatalog() {
        @Override
        public boolean realmRoleExists(String role) {
            return true;
        }

        @Override
        public boolean clientExists(String clientId) {
            return true;
        }

        @Override
        public boolean clientRoleExists(String clientId, String role) {
            return true;
        }
    };

    /** Session attribute set when this transaction saved a version of the realm's policy. */
    private static final String SAVED_HERE = "partner-access.policySaved.";

    private final KeycloakSession session;
    private final PolicyVersionStore versions;
    private final EvidenceLedger ledger;
    private final PolicyCache cache;

    public PolicyStore(KeycloakSession session, PolicyVersionStore versions, EvidenceLedger ledger, PolicyCache cache) {
        this.session = session;
        this.versions = versions;
        this.ledger = ledger;
        this.cache = cache;
    }

    /**
     * The current policy, parsed once per version and node: served from the node's cache while the realm names that
     * version (see {@link PolicyCache}), read from the database otherwise. A transaction that saved a version reads the
     * database until it ends, so a version that may still roll back never enters the cache.
     */
    public Optional<StoredPolicy> current(RealmModel realm) {
        if (session.getAttribute(SAVED_HERE + realm.getId()) != null) {
            return latest(realm);
        }
        return cache.current(realm, this::latest);
    }

    /** The newest stored version, read from the database and parsed. */
    Optional<StoredPolicy> latest(RealmModel realm) {
        return versions.latest(realm.getId()).map(PolicyStore::toStored);
    }

    public StoredPolicy save(RealmModel realm, ObjectNode document, Actor actor) {
        Policy policy = new PolicyValidator(catalog(realm)).validate(document);
        // The chain lock also serialises version numbers: two concurrent saves cannot pick the same one.
        ledger.lock(realm.getId());
        Optional<StoredPolicy> previous = latest(realm);
        int version = previous.map(p -> p.version() + 1).orElse(1);

        PolicyVersionStore.Version saved = versions.save(realm.getId(), version, Json.write(policy.document()),
                Time.currentTimeMillis(), actor.id());
        session.setAttribute(SAVED_HERE + realm.getId(), Boolean.TRUE);

        ObjectNode details = Json.object();
        details.put("version", version);
        if (previous.isPresent()) {
            details.put("previousVersion", previous.get().version());
        } else {
            details.putNull("previousVersion");
        }
        details.set("document", policy.document());
        ledger.append(realm.getId(), EvidenceType.POLICY_CHANGED, actor, "policy", null, details);
        // Tells every node's login path that a new version is current (see PolicyCache).
        realm.setAttribute(PolicyCache.VERSION_ATTRIBUTE, Integer.toString(version));
        return toStored(saved);
    }

    /** The ids of the realms that have a policy. */
    public List<String> realmsWithPolicy() {
        return versions.realmsWithPolicy();
    }

    private static StoredPolicy toStored(PolicyVersionStore.Version stored) {
        Policy policy = new PolicyValidator(TRUSTING).validate((ObjectNode) Json.read(stored.document()));
        return new StoredPolicy(stored.version(), stored.updatedAt(), stored.updatedBy(), policy);
    }

    static RealmCatalog catalog(RealmModel realm) {
        return new RealmCatalog() {
            @Override
            public boolean realmRoleExists(String role) {
                return realm.getRole(role) != null;
            }

            @Override
            public boolean clientExists(String clientId) {
                return realm.getClientByClientId(clientId) != null;
            }

            @Override
            public boolean clientRoleExists(String clientId, String role) {
                ClientModel client = realm.getClientByClientId(clientId);
                return client != null && client.getRole(role) != null;
            }
        };
    }
}
