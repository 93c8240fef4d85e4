package dev.partneraccess.core.partner;

import org.keycloak.models.UserModel;

/** A member of a partner: the user and the business unit it works for, if any. */
public record PartnerMember(String userId, String username, String email, String businessUnit) {

    public static PartnerMember of(UserModel user) {
        return new PartnerMember(user.getId(), user.getUsername(), user.getEmail(),
                user.getFirstAttribute(PartnerAttributes.MEMBER_BUSINESS_UNIT));
    }
}
