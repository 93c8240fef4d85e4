package dev.partneraccess.core.partner;

import java.util.List;
import java.util.Map;

import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;

/** The partner profile read from its organization. */
public record Partner(String id, String name, String alias, List<String> domains, String tier, String region,
                      PartnerStatus status, String businessOwner, List<String> businessUnits, String idp,
                      boolean enforceIdp) {

    /** Whether the organization carries a partner profile at all; other organizations are not partners. */
    public static boolean isPartner(OrganizationModel organization) {
        return organization != null && organization.getAttributes().containsKey(PartnerAttributes.STATUS);
    }

    public static Partner of(OrganizationModel organization) {
        return of(organization, organization.getAttributes());
    }

    /** The profile as given by {@code attributes}, for an organization whose attributes were just written. */
    public static Partner of(OrganizationModel organization, Map<String, List<String>> attributes) {
        return new Partner(organization.getId(), organization.getName(), organization.getAlias(),
                organization.getDomains().map(OrganizationDomainModel::getName).sorted().toList(),
                first(attributes, PartnerAttributes.TIER),
                first(attributes, PartnerAttributes.REGION),
                PartnerStatus.parse(first(attributes, PartnerAttributes.STATUS)),
                first(attributes, PartnerAttributes.BUSINESS_OWNER),
                // Sorted: databases do not keep the order of a multi-valued attribute (MariaDB returned it reversed).
                attributes.getOrDefault(PartnerAttributes.BUSINESS_UNITS, List.of()).stream().sorted().toList(),
                first(attributes, PartnerAttributes.IDP),
                Boolean.parseBoolean(first(attributes, PartnerAttributes.ENFORCE_IDP)));
    }

    static String first(Map<String, List<String>> attributes, String name) {
        List<String> values = attributes.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
