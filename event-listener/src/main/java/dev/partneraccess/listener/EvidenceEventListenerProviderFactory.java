package dev.partneraccess.listener;

import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import dev.partneraccess.core.support.NoLifecycle;

/** The {@code partner-access-evidence} event listener: keeps the ledger complete whichever console an admin uses. */
public final class EvidenceEventListenerProviderFactory implements EventListenerProviderFactory, NoLifecycle<EventListenerProvider> {

    public static final String PROVIDER_ID = "partner-access-evidence";

    private final ServiceAccountUse serviceAccountUse = new ServiceAccountUse();

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EvidenceEventListener(session, serviceAccountUse);
    }

    /** Governed roles are refused inside Keycloak's own admin calls, for every realm with a policy. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(GovernedRoleGuard::onEvent);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
