package dev.partneraccess.core.partner;

/** A partner as the registry answers it: its profile and how many members its organization has. */
public record RegisteredPartner(Partner partner, long memberCount) {
}
