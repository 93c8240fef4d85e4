package dev.partneraccess.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.mockito.Mockito;

class ApproversTest {

    private static StageModel roleStage(String role) {
        StageModel stage = Mockito.mock(StageModel.class);
        Mockito.when(stage.getStage()).thenReturn("regional");
        Mockito.when(stage.getApproverRole()).thenReturn(Approvers.normalise(role));
        return stage;
    }

    @Test
    @DisplayName("Given a regional stage for region EMEA, then a holder of the lower-case regional role may decide and others may not")
    void regionalRoleMatchesCaseInsensitively() {
        StageModel stage = roleStage("partner-approver-region-" + "EMEA");
        assertThat(stage.getApproverRole()).isEqualTo("partner-approver-region-emea");
        assertThat(Approvers.mayDecide(stage, "u1", Set.of("partner-approver-region-emea"))).isTrue();
        assertThat(Approvers.mayDecide(stage, "u1", Set.of("partner-approver-region-amer", "partner-approver-legal"))).isFalse();
        assertThat(Approvers.mayDecide(stage, "u1", Set.of())).isFalse();
    }

    @Test
    @DisplayName("Given an approver who holds the regional role spelt in upper case, then they may decide the lower-case stage")
    void approverRoleHeldInUpperCaseStillMatches() {
        RoleModel upper = Mockito.mock(RoleModel.class);
        Mockito.when(upper.getName()).thenReturn("partner-approver-region-EMEA");
        Mockito.when(upper.isClientRole()).thenReturn(false);
        Mockito.when(upper.isComposite()).thenReturn(false);
        Mockito.when(upper.getCompositesStream()).thenAnswer(call -> Stream.empty());
        UserModel approver = Mockito.mock(UserModel.class);
        Mockito.when(approver.getRoleMappingsStream()).thenAnswer(call -> Stream.of(upper));
        Mockito.when(approver.getGroupsStream()).thenAnswer(call -> Stream.empty());

        Set<String> held = Approvers.realmRoles(approver);

        assertThat(held).containsExactly("partner-approver-region-emea");
        assertThat(Approvers.mayDecide(roleStage("partner-approver-region-emea"), "u1", held)).isTrue();
    }

    @Test
    @DisplayName("Given an owner stage, then only the business owner may decide, whatever roles others hold")
    void ownerStageIsTheOwnersAlone() {
        StageModel stage = Mockito.mock(StageModel.class);
        Mockito.when(stage.getStage()).thenReturn("owner");
        Mockito.when(stage.getApproverUser()).thenReturn("owner-id");
        assertThat(Approvers.mayDecide(stage, "owner-id", Set.of())).isTrue();
        assertThat(Approvers.mayDecide(stage, "someone-else", Set.of("partner-approver-legal", "owner"))).isFalse();
        assertThat(Approvers.describe(stage)).contains("business owner");
        assertThat(Approvers.describe(roleStage("partner-approver-legal"))).contains("'partner-approver-legal'");
    }
}
