package dev.partneraccess.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import dev.partneraccess.core.policy.Policy;

/** The pure rules a delegate, an escalation and an exception meet: separation of duties, who decides, which stages. */
class DelegatedDecisionsTest {

    private static final String ADMIN = "admin";
    private static final String BENEFICIARY = "partner-user";
    private static final String DELEGATE = "delegate";
    private static final String DELEGATOR = "erin";

    @Test
    @DisplayName("Given a delegate free of both parties, then they may decide for a delegator who is free too")
    void freeDelegateMayDecide() {
        assertThat(SeparationOfDuties.refusal(DELEGATE, DELEGATOR, ADMIN, BENEFICIARY, "regional", Map.of())).isEmpty();
        assertThat(SeparationOfDuties.refusal(DELEGATE, null, ADMIN, BENEFICIARY, "regional", Map.of())).isEmpty();
    }

    @Test
    @DisplayName("Given a delegate who is the beneficiary, then they may not decide even for someone else")
    void delegateBoundForThemselves() {
        assertThat(SeparationOfDuties.refusal(BENEFICIARY, DELEGATOR, ADMIN, BENEFICIARY, "regional", Map.of()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("beneficiary"));
    }

    @Test
    @DisplayName("Given a delegator who asked for the request or decided another stage, then their delegate may not decide")
    void delegateBoundForTheDelegator() {
        assertThat(SeparationOfDuties.refusal(DELEGATE, ADMIN, ADMIN, BENEFICIARY, "regional", Map.of()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("on behalf of the requester"));
        assertThat(SeparationOfDuties.refusal(DELEGATE, DELEGATOR, ADMIN, BENEFICIARY, "regional",
                Map.of("legal", List.of(DELEGATOR))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("already decided stage 'legal'"));
    }

    @Test
    @DisplayName("Given a stage decided by a delegate for someone, then neither of the two may decide another stage")
    void decidingForSomeoneCountsForBoth() {
        Map<String, List<String>> decided = Map.of("legal", List.of(DELEGATE, DELEGATOR));
        assertThat(SeparationOfDuties.refusal(DELEGATOR, null, ADMIN, BENEFICIARY, "regional", decided)).isPresent();
        assertThat(SeparationOfDuties.refusal(DELEGATE, null, ADMIN, BENEFICIARY, "regional", decided)).isPresent();
        assertThat(SeparationOfDuties.refusal(DELEGATE, DELEGATOR, ADMIN, BENEFICIARY, "legal", decided)).isEmpty();
    }

    @Test
    @DisplayName("Given an escalated stage, then holders of the escalation role may decide it besides its own approvers")
    void escalationRoleMayDecide() {
        StageModel stage = Mockito.mock(StageModel.class);
        Mockito.when(stage.getApproverRole()).thenReturn("partner-approver-region-emea");
        assertThat(Approvers.mayDecide(stage, "sam", Set.of("partner-approver-security"))).isFalse();
        Mockito.when(stage.getEscalationRole()).thenReturn("partner-approver-security");
        assertThat(Approvers.mayDecide(stage, "sam", Set.of("partner-approver-security"))).isTrue();
        assertThat(Approvers.mayDecide(stage, "erin", Set.of("partner-approver-region-emea"))).isTrue();

        StageModel owner = Mockito.mock(StageModel.class);
        Mockito.when(owner.getApproverUser()).thenReturn("olivia");
        Mockito.when(owner.getEscalationRole()).thenReturn("partner-approver-legal");
        assertThat(Approvers.mayDecide(owner, "lee", Set.of("partner-approver-legal"))).isTrue();
        assertThat(Approvers.mayDecide(owner, "olivia", Set.of())).isTrue();
        assertThat(Approvers.mayDecide(owner, "lee", Set.of())).isFalse();
    }

    @Test
    @DisplayName("Given an exception request, then it gets the programme's stages plus the exception stages, each once")
    void exceptionStagesAreAddedOnce() {
        Policy policy = new Policy(List.of(), null, Map.of(), List.of(), 14, List.of(), "revert", List.of("security"),
                List.of(), null, new Policy.Exceptions(List.of("security", "owner"), 60));
        Policy.Programme pricing = new Policy.Programme("pricing-api", "partner-api", List.of("legal", "security", "regional"),
                "gold", 30);
        assertThat(StageSelection.forAccess(policy, pricing, false, true)).containsExactly("legal", "security", "regional", "owner");
        assertThat(StageSelection.forAccess(policy, pricing, false, false)).containsExactly("legal", "security", "regional");
        assertThat(StageSelection.forAccess(policy, pricing, true, true)).containsExactly("legal", "security", "regional", "owner");
        Policy none = new Policy(List.of(), null, Map.of(), List.of(), 14, List.of(), "revert", List.of(), List.of(), null);
        assertThat(StageSelection.forAccess(none, pricing, false, true)).containsExactly("legal", "security", "regional");
    }

}
