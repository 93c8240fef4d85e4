package dev.partneraccess.core.spi;

import org.keycloak.provider.ProviderFactory;

/** Builds the per-session {@link PartnerAccessProvider}; holds the server options and what a node keeps in memory. */
public interface PartnerAccessProviderFactory extends ProviderFactory<PartnerAccessProvider> {
}
