package dev.partneraccess.core.wiring;

import java.util.List;
import java.util.Set;

import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

import dev.partneraccess.core.partner.PartnerAttributes;

/**
 * {@code user-profile}: a member's business unit ({@code partner.businessUnit}) declared in the realm's user profile,
 * visible to admins and hidden from the user. Setup declares it read-only: the product writes it, checked against the
 * partner's business units and evidenced, which an edit in the console would skip.
 */
final class UserProfileStep implements WiringStep {

    private static final String ATTRIBUTE = PartnerAttributes.MEMBER_BUSINESS_UNIT;
    private static final String ADMIN = "admin";
    private static final String USER = "user";

    @Override
    public String name() {
        return "user-profile";
    }

    @Override
    public WiringCheck check(Target target) {
        UPAttribute attribute = target.userProfile().getConfiguration().getAttribute(ATTRIBUTE);
        if (attribute == null) {
            return WiringCheck.failing(name(), "'" + ATTRIBUTE + "' is not declared in the realm's user profile, so the"
                    + " admin console does not show a member's business unit. POST /setup declares it, visible to admins"
                    + " and edited only through the partner API (Realm settings, User profile).");
        }
        Set<String> view = permissions(attribute).getView() == null ? Set.of() : permissions(attribute).getView();
        Set<String> edit = permissions(attribute).getEdit() == null ? Set.of() : permissions(attribute).getEdit();
        if (!view.contains(ADMIN) || view.contains(USER) || edit.contains(USER)) {
            String wrong = !view.contains(ADMIN) ? "admins cannot see it" : edit.contains(USER) ? "users can edit their own unit"
                    : "users can see it";
            return WiringCheck.failing(name(), "'" + ATTRIBUTE + "' is declared in the user profile, but " + wrong
                    + ". POST /setup makes it visible to admins only and edited only through the partner API.");
        }
        return WiringCheck.ok(name(), "'" + ATTRIBUTE + "' is declared in the user profile, visible to admins only"
                + (edit.contains(ADMIN) ? "; admins may also edit it in the console, which skips the product's check against"
                + " the partner's business units" : ", and edited only through the partner API") + ".");
    }

    private static UPAttributePermissions permissions(UPAttribute attribute) {
        return attribute.getPermissions() == null ? new UPAttributePermissions() : attribute.getPermissions();
    }

    @Override
    public void fix(Target target, List<String> changes) {
        UserProfileProvider profile = target.userProfile();
        UPConfig config = profile.getConfiguration();
        UPAttribute attribute = config.getAttribute(ATTRIBUTE);
        boolean declared = attribute != null;
        if (!declared) {
            attribute = new UPAttribute(ATTRIBUTE);
            attribute.setDisplayName("Partner business unit");
            attribute.setMultivalued(false);
        }
        attribute.setPermissions(new UPAttributePermissions(Set.of(ADMIN), Set.of()));
        config.addOrReplaceAttribute(attribute);
        profile.setConfiguration(config);
        changes.add(declared ? "Made the user-profile attribute '" + ATTRIBUTE + "' visible to admins only and read-only."
                : "Declared the user-profile attribute '" + ATTRIBUTE + "', visible to admins only and read-only.");
    }
}
