package dev.partneraccess.core.content;

import org.keycloak.representations.idm.authorization.AbstractPolicyRepresentation;

/** The {@code partner-access-content} policy as Keycloak's authorization admin API shows it: it has no settings. */
public class ContentPolicyRepresentation extends AbstractPolicyRepresentation {

    @Override
    public String getType() {
        return ContentPolicyProviderFactory.ID;
    }
}
