package dev.partneraccess.core.policy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** An in-memory realm: a set of realm roles and clients with their roles. */
final class FakeRealmCatalog implements RealmCatalog {

    private final Set<String> realmRoles = new HashSet<>();
    private final Map<String, Set<String>> clientRoles = new HashMap<>();

    FakeRealmCatalog realmRoles(String... roles) {
        realmRoles.addAll(Set.of(roles));
        return this;
    }

    FakeRealmCatalog client(String clientId, String... roles) {
        clientRoles.computeIfAbsent(clientId, c -> new HashSet<>()).addAll(Set.of(roles));
        return this;
    }

    /** The realm the demo policy governs. */
    static FakeRealmCatalog demoRealm() {
        return new FakeRealmCatalog()
                .realmRoles("partner-approver-legal", "partner-approver-brand", "partner-approver-security",
                        "deal-registration")
                .client("brand-portal", "co-marketing-assets")
                .client("partner-api", "pricing-api");
    }

    @Override
    public boolean realmRoleExists(String role) {
        return realmRoles.contains(role);
    }

    @Override
    public boolean clientExists(String clientId) {
        return clientRoles.containsKey(clientId);
    }

    @Override
    public boolean clientRoleExists(String clientId, String role) {
        return clientRoles.getOrDefault(clientId, Set.of()).contains(role);
    }
}
