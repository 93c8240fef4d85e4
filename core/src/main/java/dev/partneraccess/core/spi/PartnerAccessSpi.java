package dev.partneraccess.core.spi;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * The {@code partner-access} SPI: the one way into the product's services. Its options are
 * {@code --spi-partner-access--default--<option>} (see {@link DefaultPartnerAccessProviderFactory}).
 */
public final class PartnerAccessSpi implements Spi {

    public static final String NAME = "partner-access";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return PartnerAccessProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PartnerAccessProviderFactory.class;
    }
}
