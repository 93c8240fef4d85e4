package dev.partneraccess.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import dev.partneraccess.core.support.NoLifecycle;

/** Mounts the partner access admin API at {@code /admin/realms/{realm}/partner-access}. */
public final class PartnerAccessAdminResourceProviderFactory implements AdminRealmResourceProviderFactory, AdminRealmResourceProvider, NoLifecycle<AdminRealmResourceProvider> {

    public static final String PROVIDER_ID = "partner-access";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        Rest.requireJsonBody(session);
        return new PartnerAccessAdminResource(new Rest(session, realm, auth, adminEvent));
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
