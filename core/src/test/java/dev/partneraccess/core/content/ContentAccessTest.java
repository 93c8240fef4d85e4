package dev.partneraccess.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerStatus;
import dev.partneraccess.core.policy.Policy;

class ContentAccessTest {

    private static final long NOW = 1_800_000_000_000L;

    private static final Policy POLICY = new Policy(List.of(
            new Policy.Tier("registered", 1, 30, List.of(), null, null),
            new Policy.Tier("silver", 2, 90, List.of(), null, null),
            new Policy.Tier("gold", 3, 180, List.of(), null, null)),
            null, java.util.Map.of(), List.of(), 14, List.of(), "revert", List.of(), null);

    private static ContentPackage pkg(String status, String minTier, Long expiresAt, String... regions) {
        return new ContentPackage("c1", "Price list", "pricing", "brand-library", null, "owner", minTier, List.of(regions),
                30, null, status, "r1", "q1", NOW - 1000, expiresAt, NOW - 2000, "admin", null, null);
    }

    private static Partner partner(String tier, String region, PartnerStatus status) {
        return new Partner("p1", "Goldline", "goldline", List.of("goldline.example"), tier, region, status, "owner",
                List.of(), null, false);
    }

    @Test
    @DisplayName("Given a released package for gold in EMEA, then a gold or better EMEA partner may view it, region case-insensitively")
    void goldEmeaMayView() {
        ContentPackage released = pkg("RELEASED", "silver", NOW + 1000, "EMEA", "APAC");
        assertThat(ContentAccess.mayView(released, partner("gold", "emea", PartnerStatus.ACTIVE), POLICY, NOW)).isTrue();
        assertThat(ContentAccess.mayView(released, partner("silver", "APAC", PartnerStatus.ACTIVE), POLICY, NOW)).isTrue();
    }

    @Test
    @DisplayName("Given a lower tier, another region, a suspended partner or no partner, then viewing is refused with the reason")
    void refusals() {
        ContentPackage released = pkg("RELEASED", "gold", NOW + 1000, "EMEA");
        assertThat(ContentAccess.refusal(released, partner("silver", "EMEA", PartnerStatus.ACTIVE), POLICY, NOW)).get()
                .asString().contains("below");
        assertThat(ContentAccess.refusal(released, partner("gold", "AMER", PartnerStatus.ACTIVE), POLICY, NOW)).get()
                .asString().contains("region");
        assertThat(ContentAccess.refusal(released, partner("gold", "EMEA", PartnerStatus.SUSPENDED), POLICY, NOW)).get()
                .asString().contains("SUSPENDED");
        assertThat(ContentAccess.refusal(released, null, POLICY, NOW)).get().asString().contains("no partner");
        assertThat(ContentAccess.mayView(released, partner("platinum", "EMEA", PartnerStatus.ACTIVE), POLICY, NOW)).isFalse();
    }

    @Test
    @DisplayName("Given a package not released, or whose release ended at this very moment, then nobody may view it")
    void onlyWhileReleased() {
        Partner gold = partner("gold", "EMEA", PartnerStatus.ACTIVE);
        assertThat(ContentAccess.mayView(pkg("IN_REVIEW", "gold", NOW + 1000, "EMEA"), gold, POLICY, NOW)).isFalse();
        assertThat(ContentAccess.mayView(pkg("WITHDRAWN", "gold", NOW + 1000, "EMEA"), gold, POLICY, NOW)).isFalse();
        assertThat(ContentAccess.mayView(pkg("RELEASED", "gold", NOW, "EMEA"), gold, POLICY, NOW)).isFalse();
        assertThat(ContentAccess.mayView(pkg("RELEASED", "gold", NOW + 1, "EMEA"), gold, POLICY, NOW)).isTrue();
    }
}
