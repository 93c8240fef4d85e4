package dev.partneraccess.listener;

import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

import dev.partneraccess.core.support.NoLifecycle;

/** The {@code partner-access-evidence} event listener: keeps the ledger complete whichever console an admin uses. */
public final class EvidenceEventListenerProviderFactory implements EventListenerProviderFactory, NoLifecycle<EventListenerProvider> {

    public static final String PROVIDER_ID = "partner-access-evidence";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EvidenceEventListener(session);
    }




    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
