package dev.partneraccess.core.content;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.keycloak.authorization.AuthorizationProvider;
import org.keycloak.authorization.model.Policy;
import org.keycloak.authorization.model.Resource;
import org.keycloak.authorization.model.ResourceServer;
import org.keycloak.authorization.model.Scope;
import org.keycloak.authorization.store.StoreFactory;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.authorization.ScopePermissionRepresentation;
import org.keycloak.representations.idm.authorization.DecisionStrategy;
import org.keycloak.representations.idm.authorization.Logic;

import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * What a content package is in Keycloak's own Authorization Services, on its resource-server client: a resource of
 * type {@value #RESOURCE_TYPE} with the scopes {@value #VIEW} and {@value #EDIT}, tied by a scope permission of its
 * own, {@value #PERMISSION}{@code -<package id>} (scope {@code view} only), to the client's one policy of type
 * {@value ContentPolicyProviderFactory#ID}. One permission per package keeps both the creation of a package and each
 * decision independent of how many packages the client holds (a permission listing every resource is re-read whole
 * whenever it changes or leaves the authorization cache). Nothing ties {@code edit} to that policy, so an enforcing
 * resource server refuses it. All of it is written through Keycloak's authorization stores, in the caller's
 * transaction, so a refused creation leaves nothing behind; admins see it under the client's Authorization tab.
 */
final class ContentAuthorization {

    static final String RESOURCE_TYPE = "partner-content";
    static final String VIEW = "view";
    static final String EDIT = "edit";
    /** The prefix of each package's permission; the package's id follows it. */
    static final String PERMISSION = "partner-content-view";
    /** The width of a policy's description in Keycloak's schema. */
    private static final int DESCRIPTION_MAX = 255;
    static final String POLICY = "partner-access-content";
    /** The resource attribute naming the package the resource stands for. */
    static final String CONTENT_ATTRIBUTE = "partner-access.content";

    private final KeycloakSession session;
    private final RealmModel realm;

    ContentAuthorization(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    private StoreFactory stores() {
        return session.getProvider(AuthorizationProvider.class).getStoreFactory();
    }

    /** The client's resource server; refused (400, field {@code client}) when the client has Authorization Services off. */
    ResourceServer resourceServer(ClientModel client) {
        ResourceServer server = stores().getResourceServerStore().findByClient(client);
        if (server == null) {
            throw Refusal.invalid("client", "Client '" + client.getClientId() + "' has no Authorization Services; turn"
                    + " them on for the client (Authorization in the client's settings) to hold partner content.");
        }
        return server;
    }

    /** Refused (409) when the resource server already has a resource of this name. */
    void requireFreeName(ResourceServer server, String name) {
        if (stores().getResourceStore().findByName(server, name) != null) {
            throw Refusal.conflict("name", "Client '" + realm.getClientById(server.getClientId()).getClientId()
                    + "' already has an Authorization Services resource named '" + name + "'.");
        }
    }

    /**
     * Creates the package's resource and its view permission, and the client's content policy when it has none yet;
     * answers the resource's id.
     */
    String create(ResourceServer server, String contentId, String name, String uri) {
        StoreFactory stores = stores();
        Scope view = scope(stores, server, VIEW);
        Scope edit = scope(stores, server, EDIT);
        Resource resource = stores.getResourceStore().create(server, name, server.getClientId());
        resource.setDisplayName(name);
        resource.setType(RESOURCE_TYPE);
        resource.updateScopes(new LinkedHashSet<>(List.of(view, edit)));
        if (uri != null) {
            resource.updateUris(Set.of(uri));
        }
        resource.setAttribute(CONTENT_ATTRIBUTE, List.of(contentId));
        resource.setAttribute(ContentReleaseCache.STAMP_ATTRIBUTE, List.of(UUID.randomUUID().toString()));
        permission(stores, server, view, resource, contentId, name);
        return resource.getId();
    }

    /**
     * Marks a change of the package's status or release window on its resource, in the caller's transaction: the
     * resource leaves Keycloak's authorization cache on every node, and with a new stamp no node decides on what it
     * kept of the package ({@link ContentReleaseCache}). A resource an admin removed has nothing left to mark.
     */
    void stamp(String clientUuid, String resourceId) {
        ClientModel client = realm.getClientById(clientUuid);
        ResourceServer server = client == null ? null : stores().getResourceServerStore().findByClient(client);
        Resource resource = server == null ? null : stores().getResourceStore().findById(server, resourceId);
        if (resource != null) {
            resource.setAttribute(ContentReleaseCache.STAMP_ATTRIBUTE, List.of(UUID.randomUUID().toString()));
        }
    }

    private static Scope scope(StoreFactory stores, ResourceServer server, String name) {
        Scope scope = stores.getScopeStore().findByName(server, name);
        return scope != null ? scope : stores.getScopeStore().create(server, name);
    }

    /** The package's own permission: {@code view} of its resource, decided by the client's content policy. */
    private static void permission(StoreFactory stores, ResourceServer server, Scope view, Resource resource,
                                   String contentId, String name) {
        Policy policy = contentPolicy(stores, server);
        ScopePermissionRepresentation definition = new ScopePermissionRepresentation();
        definition.setName(PERMISSION + "-" + contentId);
        definition.setDescription(TextRules.clip("Partner access: view of the released content package '" + name
                + "', decided by policy '" + POLICY + "'.", DESCRIPTION_MAX));
        definition.setLogic(Logic.POSITIVE);
        definition.setDecisionStrategy(DecisionStrategy.UNANIMOUS);
        definition.addScope(view.getId());
        definition.addResource(resource.getId());
        definition.addPolicy(policy.getId());
        Policy permission = stores.getPolicyStore().create(server, definition);
        if (permission.getScopes().stream().noneMatch(s -> s.getId().equals(view.getId()))) {
            permission.addScope(view);
        }
        if (permission.getResources().stream().noneMatch(r -> r.getId().equals(resource.getId()))) {
            permission.addResource(resource);
        }
        if (permission.getAssociatedPolicies().stream().noneMatch(p -> p.getId().equals(policy.getId()))) {
            permission.addAssociatedPolicy(policy);
        }
    }

    /** The client's one policy of type {@value ContentPolicyProviderFactory#ID}, created the first time. */
    private static Policy contentPolicy(StoreFactory stores, ResourceServer server) {
        Policy policy = stores.getPolicyStore().findByName(server, POLICY);
        if (policy != null) {
            return policy;
        }
        ContentPolicyRepresentation definition = new ContentPolicyRepresentation();
        definition.setName(POLICY);
        definition.setDescription("Partner access: users of an ACTIVE partner whose tier and region a released"
                + " content package names, until the release ends. Grants view only.");
        definition.setLogic(Logic.POSITIVE);
        definition.setDecisionStrategy(DecisionStrategy.UNANIMOUS);
        return stores.getPolicyStore().create(server, definition);
    }
}
