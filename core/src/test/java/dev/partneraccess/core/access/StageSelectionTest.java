package dev.partneraccess.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerStatus;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.support.Refusal;

class StageSelectionTest {

    private static final Policy.Stage LEGAL = new Policy.Stage("legal", "partner-approver-legal", null, false);
    private static final Policy.Stage REGIONAL = new Policy.Stage("regional", null, "partner-approver-region-", false);
    private static final Policy.Stage OWNER = new Policy.Stage("owner", null, null, true);

    private static Policy policy(List<String> serviceAccountStages) {
        return new Policy(List.of(), null, Map.of("legal", LEGAL, "regional", REGIONAL, "owner", OWNER), List.of(), 14,
                List.of(), "revert", serviceAccountStages, null);
    }

    private static Partner partner(String region, String owner) {
        return new Partner("p1", "Acme", "acme", List.of(), "gold", region, PartnerStatus.ACTIVE, owner, List.of(), null,
                false);
    }

    private static final Policy.Programme PRICING = new Policy.Programme("pricing-api", "partner-api",
            List.of("legal", "security", "regional"), "gold", 30);

    @Test
    @DisplayName("Given a person asking, then the request goes through the programme's stages in the programme's order")
    void aPersonGetsTheProgrammesStages() {
        assertThat(StageSelection.forAccess(policy(List.of("security", "owner")), PRICING, false))
                .containsExactly("legal", "security", "regional");
    }

    @Test
    @DisplayName("Given a service account as beneficiary, then the non-human stages follow, each stage once")
    void aServiceAccountAddsTheNonHumanStagesOnce() {
        assertThat(StageSelection.forAccess(policy(List.of("security", "owner")), PRICING, true))
                .containsExactly("legal", "security", "regional", "owner");
    }

    @Test
    @DisplayName("Given a self-service programme, then a person's request has no stage")
    void aSelfServiceProgrammeHasNoStage() {
        Policy.Programme open = new Policy.Programme("deal-registration", null, List.of(), "registered", 90);
        assertThat(StageSelection.forAccess(policy(List.of("security")), open, false)).isEmpty();
        assertThat(StageSelection.forAccess(policy(List.of("security")), open, true)).containsExactly("security");
    }

    @Test
    @DisplayName("Given several lists of added stages, then each name appears once, where it first appears")
    void addedListsKeepFirstPlaces() {
        assertThat(StageSelection.stages(List.of("brand", "legal"), List.of("legal", "security"), List.of("owner", "brand")))
                .containsExactly("brand", "legal", "security", "owner");
    }

    @Test
    @DisplayName("Given a regional stage, then its deciders hold the region's role in lower case")
    void regionalStageUsesThePartnersRegionLowerCase() {
        Policy.Stage regional = new Policy.Stage("regional", null, "partner-approver-region-", false);
        assertThat(StageSelection.decider(regional, partner("EMEA", "owner-id"), id -> true))
                .isEqualTo(new StageSelection.Decider(null, "partner-approver-region-emea"));
    }

    @Test
    @DisplayName("Given a role stage spelt with capitals, then the stored role is lower case")
    void roleStageIsLowerCase() {
        Policy.Stage brand = new Policy.Stage("brand", "Partner-Approver-BRAND", null, false);
        assertThat(StageSelection.decider(brand, partner("EMEA", null), id -> true))
                .isEqualTo(new StageSelection.Decider(null, "partner-approver-brand"));
    }

    @Test
    @DisplayName("Given an owner stage, then the partner's business owner alone decides it")
    void ownerStageIsTheBusinessOwner() {
        assertThat(StageSelection.decider(OWNER, partner("EMEA", "owner-id"), id -> true))
                .isEqualTo(new StageSelection.Decider("owner-id", null));
    }

    @Test
    @DisplayName("Given a partner without a business owner, or whose owner no longer exists, then an owner stage is refused")
    void ownerStageNeedsAnExistingOwner() {
        assertThatThrownBy(() -> StageSelection.decider(OWNER, partner("EMEA", null), id -> true))
                .isInstanceOf(Refusal.class).hasMessageContaining("no business owner");
        assertThatThrownBy(() -> StageSelection.decider(OWNER, partner("EMEA", "gone"), id -> false))
                .isInstanceOf(Refusal.class).hasMessageContaining("no business owner");
    }

    @Test
    @DisplayName("Given a partner without a region, then a regional stage is refused")
    void regionalStageNeedsARegion() {
        Policy.Stage regional = new Policy.Stage("regional", null, "partner-approver-region-", false);
        assertThatThrownBy(() -> StageSelection.decider(regional, partner(" ", "owner-id"), id -> true))
                .isInstanceOf(Refusal.class).hasMessageContaining("no region");
    }
}
