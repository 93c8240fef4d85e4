package dev.partneraccess.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SeparationOfDutiesTest {

    private static final String ADMIN = "admin-id";
    private static final String PARTNER_USER = "partner-user-id";
    private static final String LEGAL = "legal-approver-id";
    private static final String BRAND = "brand-approver-id";

    private static Map<String, String> decided(String... stageAndUser) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < stageAndUser.length; i += 2) {
            map.put(stageAndUser[i], stageAndUser[i + 1]);
        }
        return map;
    }

    @Test
    void anApproverWhoIsNeitherPartyAndDecidedNoOtherStageMayDecide() {
        assertThat(SeparationOfDuties.refusal(LEGAL, ADMIN, PARTNER_USER, "legal", decided())).isEmpty();
        assertThat(SeparationOfDuties.refusal(BRAND, ADMIN, PARTNER_USER, "brand", decided("legal", LEGAL))).isEmpty();
    }

    @Test
    void theRequesterMayNotDecideTheirOwnRequest() {
        assertThat(SeparationOfDuties.refusal(ADMIN, ADMIN, PARTNER_USER, "legal", decided()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("requester"));
    }

    @Test
    void theBeneficiaryMayNotDecideEvenWhenSomeoneElseAsked() {
        assertThat(SeparationOfDuties.refusal(PARTNER_USER, ADMIN, PARTNER_USER, "legal", decided()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("beneficiary"));
    }

    @Test
    void oneApproverMayNotDecideTwoStagesOfOneRequest() {
        assertThat(SeparationOfDuties.refusal(LEGAL, ADMIN, PARTNER_USER, "brand", decided("legal", LEGAL)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("already decided stage 'legal'")
                        .contains("stage 'brand'"));
    }

    @Test
    void theStageBeingDecidedDoesNotCountAgainstItsOwnApprover() {
        // Only another stage counts: the one being decided is not held against its approver.
        assertThat(SeparationOfDuties.refusal(LEGAL, ADMIN, PARTNER_USER, "legal", decided("legal", LEGAL))).isEmpty();
    }
}
