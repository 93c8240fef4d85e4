package dev.partneraccess.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import dev.partneraccess.core.support.NoLifecycle;

/** Mounts the partner self-service API at {@code /realms/{realm}/partner-access}. */
public final class SelfServiceResourceProviderFactory implements RealmResourceProviderFactory, NoLifecycle<RealmResourceProvider> {

    public static final String PROVIDER_ID = "partner-access";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                Rest.requireJsonBody(session);
                return new SelfServiceResource(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
