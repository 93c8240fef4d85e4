package dev.partneraccess.core.partner;

/** ACTIVE and SUSPENDED go back and forth; either may become OFFBOARDED, which is final. */
public enum PartnerStatus {
    ACTIVE,
    SUSPENDED,
    OFFBOARDED;

    public static PartnerStatus parse(String value) {
        for (PartnerStatus status : values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        return null;
    }
}
