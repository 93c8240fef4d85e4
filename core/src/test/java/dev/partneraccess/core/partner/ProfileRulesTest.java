package dev.partneraccess.core.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.partneraccess.core.policy.Policy;

class ProfileRulesTest {

    private static final Policy POLICY = new Policy(List.of(
            new Policy.Tier("registered", 1, 30, List.of(), null, null),
            new Policy.Tier("gold", 3, 180, List.of(), null, null)),
            null, Map.of(), List.of(), 14, List.of(), "revert", List.of(), null);

    private static Map<String, List<String>> profile(String status, String tier) {
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put(PartnerAttributes.STATUS, List.of(status));
        attributes.put(PartnerAttributes.TIER, List.of(tier));
        attributes.put(PartnerAttributes.REGION, List.of("EMEA"));
        attributes.put(PartnerAttributes.BUSINESS_OWNER, List.of("owner-id"));
        attributes.put(PartnerAttributes.ENFORCE_IDP, List.of("false"));
        return attributes;
    }

    private static Optional<ProfileRules.Violation> check(Map<String, List<String>> before, Map<String, List<String>> after) {
        return ProfileRules.check(before, after, POLICY, id -> id.equals("owner-id") || id.equals("new-owner"), "corp-idp"::equals);
    }

    @Test
    @DisplayName("Given valid edits (tier, suspension, reactivation, offboarding, owner), then none is refused")
    void validEditsPass() {
        assertThat(check(profile("ACTIVE", "registered"), profile("ACTIVE", "gold"))).isEmpty();
        assertThat(check(profile("ACTIVE", "gold"), profile("SUSPENDED", "gold"))).isEmpty();
        assertThat(check(profile("SUSPENDED", "gold"), profile("ACTIVE", "gold"))).isEmpty();
        assertThat(check(profile("SUSPENDED", "gold"), profile("OFFBOARDED", "gold"))).isEmpty();
        Map<String, List<String>> owner = profile("ACTIVE", "gold");
        owner.put(PartnerAttributes.BUSINESS_OWNER, List.of("new-owner"));
        assertThat(check(profile("ACTIVE", "gold"), owner)).isEmpty();
    }

    @Test
    @DisplayName("Given an offboarded partner, then no edit of its profile passes, back to ACTIVE least of all")
    void offboardedIsFinal() {
        assertThat(check(profile("OFFBOARDED", "gold"), profile("ACTIVE", "gold"))).get()
                .extracting(ProfileRules.Violation::attribute).isEqualTo(PartnerAttributes.STATUS);
        assertThat(check(profile("OFFBOARDED", "gold"), profile("OFFBOARDED", "registered"))).isPresent();
        assertThat(check(profile("OFFBOARDED", "gold"), profile("OFFBOARDED", "gold"))).isEmpty();
    }

    @Test
    @DisplayName("Given an unknown tier, status or attribute, a removed attribute or a malformed value, then the edit is refused naming it")
    void malformedEditsAreRefused() {
        assertThat(check(profile("ACTIVE", "gold"), profile("ACTIVE", "platinum"))).get()
                .extracting(ProfileRules.Violation::attribute).isEqualTo(PartnerAttributes.TIER);
        assertThat(check(profile("ACTIVE", "gold"), profile("PAUSED", "gold"))).get()
                .extracting(ProfileRules.Violation::attribute).isEqualTo(PartnerAttributes.STATUS);
        Map<String, List<String>> removed = profile("ACTIVE", "gold");
        removed.remove(PartnerAttributes.STATUS);
        assertThat(check(profile("ACTIVE", "gold"), removed)).get()
                .extracting(ProfileRules.Violation::attribute).isEqualTo(PartnerAttributes.STATUS);
        Map<String, List<String>> unknown = profile("ACTIVE", "gold");
        unknown.put("partner.discount", List.of("50"));
        assertThat(check(profile("ACTIVE", "gold"), unknown)).get()
                .extracting(ProfileRules.Violation::attribute).isEqualTo("partner.discount");
        Map<String, List<String>> control = profile("ACTIVE", "gold");
        control.put(PartnerAttributes.REGION, List.of("EM\u001bEA"));
        assertThat(check(profile("ACTIVE", "gold"), control)).get()
                .extracting(ProfileRules.Violation::attribute).isEqualTo(PartnerAttributes.REGION);
        Map<String, List<String>> twoTiers = profile("ACTIVE", "gold");
        twoTiers.put(PartnerAttributes.TIER, List.of("gold", "registered"));
        assertThat(check(profile("ACTIVE", "gold"), twoTiers)).isPresent();
        Map<String, List<String>> owner = profile("ACTIVE", "gold");
        owner.put(PartnerAttributes.BUSINESS_OWNER, List.of("nobody"));
        assertThat(check(profile("ACTIVE", "gold"), owner)).get()
                .extracting(ProfileRules.Violation::attribute).isEqualTo(PartnerAttributes.BUSINESS_OWNER);
        Map<String, List<String>> enforce = profile("ACTIVE", "gold");
        enforce.put(PartnerAttributes.ENFORCE_IDP, List.of("true"));
        assertThat(check(profile("ACTIVE", "gold"), enforce)).get()
                .extracting(ProfileRules.Violation::attribute).isEqualTo(PartnerAttributes.ENFORCE_IDP);
        Map<String, List<String>> idp = profile("ACTIVE", "gold");
        idp.put(PartnerAttributes.IDP, List.of("unknown-idp"));
        assertThat(check(profile("ACTIVE", "gold"), idp)).get()
                .extracting(ProfileRules.Violation::attribute).isEqualTo(PartnerAttributes.IDP);
    }
}
