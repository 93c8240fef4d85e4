package dev.partneraccess.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.partneraccess.core.jpa.StageEntity;

class ApproversTest {

    private static StageEntity roleStage(String role) {
        StageEntity stage = new StageEntity();
        stage.setStage("regional");
        stage.setApproverRole(Approvers.normalise(role));
        return stage;
    }

    @Test
    @DisplayName("Given a regional stage for region EMEA, then a holder of the lower-case regional role may decide and others may not")
    void regionalRoleMatchesCaseInsensitively() {
        StageEntity stage = roleStage("partner-approver-region-" + "EMEA");
        assertThat(stage.getApproverRole()).isEqualTo("partner-approver-region-emea");
        assertThat(Approvers.mayDecide(stage, "u1", Set.of("partner-approver-region-emea"))).isTrue();
        assertThat(Approvers.mayDecide(stage, "u1", Set.of("partner-approver-region-amer", "partner-approver-legal"))).isFalse();
        assertThat(Approvers.mayDecide(stage, "u1", Set.of())).isFalse();
    }

    @Test
    @DisplayName("Given an owner stage, then only the business owner may decide, whatever roles others hold")
    void ownerStageIsTheOwnersAlone() {
        StageEntity stage = new StageEntity();
        stage.setStage("owner");
        stage.setApproverUser("owner-id");
        assertThat(Approvers.mayDecide(stage, "owner-id", Set.of())).isTrue();
        assertThat(Approvers.mayDecide(stage, "someone-else", Set.of("partner-approver-legal", "owner"))).isFalse();
        assertThat(Approvers.describe(stage)).contains("business owner");
        assertThat(Approvers.describe(roleStage("partner-approver-legal"))).contains("'partner-approver-legal'");
    }
}
