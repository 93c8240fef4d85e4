package dev.partneraccess.core.partner;

import java.util.List;

/**
 * A new partner as asked for, read from the request but not yet checked against the realm and the policy: the
 * domains as given (checked and normalised at intake), {@code idp} as given or null, {@code businessUnits} never null.
 */
public record PartnerIntake(String name, List<String> domains, String tier, String region, String businessOwner,
                            List<String> businessUnits, String idp, boolean enforceIdp) {

    /** The refusal of an intake that names no domain. */
    public static final String NO_DOMAIN = "'domains' must list at least one internet domain of the partner.";
}
