package dev.partneraccess.core.partner;

/** The organization and user attributes that carry the partner profile; the names are part of the product contract. */
public final class PartnerAttributes {

    public static final String TIER = "partner.tier";
    public static final String REGION = "partner.region";
    public static final String STATUS = "partner.status";
    public static final String BUSINESS_OWNER = "partner.businessOwner";
    public static final String BUSINESS_UNITS = "partner.businessUnits";
    public static final String IDP = "partner.idp";
    public static final String ENFORCE_IDP = "partner.enforceIdp";
    /** On the user: the member's business unit. */
    public static final String MEMBER_BUSINESS_UNIT = "partner.businessUnit";
    /** On a client: the lowest tier that may log in to it. */
    public static final String CLIENT_MIN_TIER = "partner-access.minTier";

    private PartnerAttributes() {
    }
}
