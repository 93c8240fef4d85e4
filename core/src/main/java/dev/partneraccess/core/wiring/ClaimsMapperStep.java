package dev.partneraccess.core.wiring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;

/**
 * {@code claims-mapper}: every client's tokens carry the {@code partner} and {@code partner_access} claims, through a
 * default client scope of the realm (so clients created later get them too) or the client's own mapper.
 */
final class ClaimsMapperStep implements WiringStep {

    private static final String OIDC = "openid-connect";
    private static final String MAPPER_NAME = "partner access claims";
    private static final Set<String> BUILT_IN = Set.of(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID,
            Constants.ACCOUNT_CONSOLE_CLIENT_ID, Constants.ADMIN_CLI_CLIENT_ID, Constants.ADMIN_CONSOLE_CLIENT_ID,
            Constants.BROKER_SERVICE_CLIENT_ID);

    @Override
    public String name() {
        return "claims-mapper";
    }

    private static boolean holds(ProtocolMapperContainerModel container) {
        return !container.getProtocolMapperByType(RealmWiring.CLAIMS_MAPPER).isEmpty();
    }

    private static Optional<ClientScopeModel> realmDefault(RealmModel realm) {
        return realm.getDefaultClientScopesStream(true).filter(ClaimsMapperStep::holds).findFirst();
    }

    /** The clients that get tokens from this realm and would get them without the claims. */
    private static List<ClientModel> without(RealmModel realm) {
        return realm.getClientsStream()
                .filter(c -> !c.isBearerOnly() && (c.getProtocol() == null || OIDC.equals(c.getProtocol())))
                .filter(c -> !holds(c) && c.getClientScopes(true).values().stream().noneMatch(ClaimsMapperStep::holds))
                .toList();
    }

    private static Optional<ClientScopeModel> ownScope(RealmModel realm) {
        return realm.getClientScopesStream().filter(s -> RealmWiring.CLAIMS_SCOPE.equals(s.getName())).findFirst();
    }

    private static List<String> unset(Target target, ClientScopeModel scope) {
        Map<String, String> defaults = MapperOptions.defaults(target.session());
        return scope.getProtocolMapperByType(RealmWiring.CLAIMS_MAPPER).stream()
                .flatMap(m -> defaults.keySet().stream().filter(k -> m.getConfig() == null || !m.getConfig().containsKey(k)))
                .distinct().toList();
    }

    @Override
    public WiringCheck check(Target target) {
        RealmModel realm = target.realm();
        List<String> problems = new ArrayList<>();
        Optional<ClientScopeModel> holding = realmDefault(realm);
        if (holding.isEmpty()) {
            problems.add("no default client scope of the realm holds " + RealmWiring.CLAIMS_MAPPER
                    + ", so clients created from now on get no partner claims");
        }
        // The realm's own applications first: Keycloak's built-in clients are rarely the ones an admin looks for.
        List<String> clients = without(realm).stream().map(ClientModel::getClientId)
                .sorted(Comparator.comparing((String id) -> BUILT_IN.contains(id)).thenComparing(Comparator.naturalOrder())).toList();
        if (!clients.isEmpty()) {
            problems.add("the tokens of " + clients.size() + " client(s) carry no partner claims: "
                    + String.join(", ", clients.subList(0, Math.min(5, clients.size())))
                    + (clients.size() > 5 ? " and " + (clients.size() - 5) + " more" : ""));
        }
        List<String> unset = ownScope(realm).map(s -> unset(target, s)).orElse(List.of());
        if (!unset.isEmpty()) {
            problems.add("the mapper in client scope '" + RealmWiring.CLAIMS_SCOPE + "' leaves " + String.join(", ", unset)
                    + " unset, which the admin console shows as Off and saves so");
        }
        if (problems.isEmpty()) {
            return WiringCheck.ok(name(), "The default client scope '" + holding.get().getName() + "' holds "
                    + RealmWiring.CLAIMS_MAPPER + ", and every client's tokens carry the partner claims.");
        }
        String text = String.join("; ", problems);
        return WiringCheck.failing(name(), Character.toUpperCase(text.charAt(0)) + text.substring(1) + ". POST /setup adds"
                + " the default client scope '" + RealmWiring.CLAIMS_SCOPE + "' holding the mapper to the realm and to"
                + " every client.");
    }

    @Override
    public void fix(Target target, List<String> changes) {
        RealmModel realm = target.realm();
        ClientScopeModel scope = realmDefault(realm).orElseGet(() -> {
            ClientScopeModel own = ownScope(realm).orElseGet(() -> create(realm, changes));
            if (realm.getDefaultClientScopesStream(false).anyMatch(s -> s.getId().equals(own.getId()))) {
                realm.removeDefaultClientScope(own);
            }
            realm.addDefaultClientScope(own, true);
            changes.add("Made '" + own.getName() + "' a default client scope of the realm, so new clients get it.");
            return own;
        });
        ownScope(realm).ifPresent(own -> writeOptions(target, own, changes));
        for (ClientModel client : without(realm)) {
            if (client.getClientScopes(false).containsKey(scope.getName())) {
                client.removeClientScope(scope);
            }
            client.addClientScope(scope, true);
            changes.add("Client '" + client.getClientId() + "' now has the default client scope '" + scope.getName() + "'.");
        }
    }

    private static ClientScopeModel create(RealmModel realm, List<String> changes) {
        ClientScopeModel scope = realm.addClientScope(RealmWiring.CLAIMS_SCOPE);
        scope.setProtocol(OIDC);
        scope.setDescription("The partner and partner_access claims of Partner Access");
        scope.setIncludeInTokenScope(false);
        scope.setDisplayOnConsentScreen(false);
        changes.add("Created the client scope '" + RealmWiring.CLAIMS_SCOPE + "'.");
        return scope;
    }

    /** Adds the mapper if the scope has none, and writes out every option the mapper leaves unset. */
    private static void writeOptions(Target target, ClientScopeModel scope, List<String> changes) {
        Map<String, String> defaults = MapperOptions.defaults(target.session());
        List<ProtocolMapperModel> mappers = scope.getProtocolMapperByType(RealmWiring.CLAIMS_MAPPER);
        if (mappers.isEmpty()) {
            ProtocolMapperModel mapper = new ProtocolMapperModel();
            mapper.setName(MAPPER_NAME);
            mapper.setProtocol(OIDC);
            mapper.setProtocolMapper(RealmWiring.CLAIMS_MAPPER);
            mapper.setConfig(new HashMap<>(defaults));
            scope.addProtocolMapper(mapper);
            changes.add("Added the mapper '" + MAPPER_NAME + "' to '" + scope.getName() + "', every option written out: "
                    + defaults + ".");
            return;
        }
        for (ProtocolMapperModel mapper : mappers) {
            Map<String, String> config = new HashMap<>(mapper.getConfig() == null ? Map.of() : mapper.getConfig());
            List<String> added = defaults.keySet().stream().filter(k -> !config.containsKey(k)).toList();
            if (!added.isEmpty()) {
                added.forEach(k -> config.put(k, defaults.get(k)));
                mapper.setConfig(config);
                scope.updateProtocolMapper(mapper);
                changes.add("Wrote out the options " + added + " of the mapper '" + mapper.getName() + "' in '"
                        + scope.getName() + "' with their defaults.");
            }
        }
    }
}
