package dev.partneraccess.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.partneraccess.core.access.NewRequest;
import dev.partneraccess.core.access.Renewal;
import dev.partneraccess.core.access.StageDecision;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Refusal;

class RequestInputsTest {

    private static final String PURPOSE = "Quarterly close of the partner's ledger";
    private static final String ME = "4f1c2a3e-0000-4000-8000-000000000001";

    private static NewRequest newRequest(String json, boolean self) {
        return RequestInputs.newRequest(JsonBody.parse(json), self, ME);
    }

    @Test
    @DisplayName("Given a complete admin request body, then every field is read, trimmed")
    void readsAdminRequest() {
        NewRequest input = newRequest("{\"user\":\" u-1 \",\"role\":\"erp-viewer\",\"client\":\"erp\","
                + "\"businessPurpose\":\"" + PURPOSE + "\",\"days\":30}", false);

        assertThat(input).isEqualTo(new NewRequest("u-1", "erp-viewer", "erp", PURPOSE, 30));
    }

    @Test
    @DisplayName("Given an admin request without user, then 'user' is required")
    void adminRequestNeedsUser() {
        assertRefused(() -> newRequest("{\"role\":\"r\",\"businessPurpose\":\"" + PURPOSE + "\",\"days\":30}", false),
                Refusal.Kind.INVALID, "user", "'user' is required.");
    }

    @Test
    @DisplayName("Given a self-service request without user or with one's own id, then the caller is the beneficiary")
    void selfServiceIsForTheCaller() {
        assertThat(newRequest("{\"role\":\"r\",\"businessPurpose\":\"" + PURPOSE + "\",\"days\":5}", true).userId()).isEqualTo(ME);
        assertThat(newRequest("{\"user\":\"" + ME + "\",\"role\":\"r\",\"businessPurpose\":\"" + PURPOSE + "\",\"days\":5}", true)
                .userId()).isEqualTo(ME);
    }

    @Test
    @DisplayName("Given a self-service request for someone else with no role either, then the 403 comes first, as before")
    void selfServiceForOthersForbiddenBeforeRole() {
        assertRefused(() -> newRequest("{\"user\":\"someone-else\"}", true), Refusal.Kind.FORBIDDEN, null,
                "Self-service requests are for yourself: leave out 'user' or give your own id.");
    }

    @Test
    @DisplayName("Given an unknown field, then it is refused before any missing field, naming the allowed ones")
    void unknownFieldFirst() {
        assertRefused(() -> newRequest("{\"grant\":1}", false), Refusal.Kind.INVALID, "grant",
                "Unknown field 'grant'. Allowed fields: user, role, client, businessPurpose, days, answers, exception.");
    }

    @Test
    @DisplayName("Given a purpose under 20 characters, then it is refused with the hint")
    void shortPurposeRefused() {
        assertRefused(() -> newRequest("{\"user\":\"u\",\"role\":\"r\",\"businessPurpose\":\"too short\",\"days\":3}", false),
                Refusal.Kind.INVALID, "businessPurpose",
                "'businessPurpose' must be at least 20 characters: say what the access is for.");
    }

    @ParameterizedTest(name = "days {0}")
    @ValueSource(strings = {"0", "3651", "-1"})
    @DisplayName("Given days outside 1..3650, then 'days' is refused with the range")
    void daysOutOfRange(String days) {
        assertRefused(() -> newRequest("{\"user\":\"u\",\"role\":\"r\",\"businessPurpose\":\"" + PURPOSE + "\",\"days\":" + days + "}",
                false), Refusal.Kind.INVALID, "days", "'days' must be between 1 and 3650.");
    }

    @Test
    @DisplayName("Given a request with a bad role and bad days, then the role's error comes first, as the fields are read in order")
    void fieldsReadInOrder() {
        assertRefused(() -> newRequest("{\"user\":\"u\",\"role\":7,\"businessPurpose\":\"" + PURPOSE + "\",\"days\":0}", false),
                Refusal.Kind.INVALID, "role", "'role' must be a string.");
    }

    @Test
    @DisplayName("Given an approval without justification, then it is read; a rejection without one is refused")
    void rejectionNeedsJustification() {
        StageDecision approval = RequestInputs.decision(JsonBody.parse("{\"stage\":\"owner\",\"decision\":\"approve\"}"));
        assertThat(approval).isEqualTo(new StageDecision("owner", StageDecision.Decision.APPROVE, null));
        assertThat(approval.approves()).isTrue();

        assertRefused(() -> RequestInputs.decision(JsonBody.parse("{\"stage\":\"owner\",\"decision\":\"reject\"}")),
                Refusal.Kind.INVALID, "justification", "'justification' is required.");
        StageDecision rejection = RequestInputs.decision(JsonBody.parse(
                "{\"stage\":\"owner\",\"decision\":\"reject\",\"justification\":\"not needed\"}"));
        assertThat(rejection.approves()).isFalse();
        assertThat(rejection.justification()).isEqualTo("not needed");
    }

    @ParameterizedTest(name = "decision {0}")
    @ValueSource(strings = {"\"Approve\"", "\"maybe\"", "\"APPROVE\""})
    @DisplayName("Given a decision other than approve or reject, then 'decision' is refused")
    void decisionEnumeration(String decision) {
        assertRefused(() -> RequestInputs.decision(JsonBody.parse("{\"stage\":\"owner\",\"decision\":" + decision + "}")),
                Refusal.Kind.INVALID, "decision", "'decision' must be \"approve\" or \"reject\".");
    }

    @Test
    @DisplayName("Given a justification over 2000 characters, then it is refused")
    void justificationBounded() {
        assertRefused(() -> RequestInputs.decision(JsonBody.parse("{\"stage\":\"owner\",\"decision\":\"approve\",\"justification\":\""
                + "x".repeat(2001) + "\"}")), Refusal.Kind.INVALID, "justification", "'justification' is longer than 2000 characters.");
    }

    @Test
    @DisplayName("Given an empty or reason-only cancel body, then the optional reason is read; other fields are refused")
    void cancelReason() {
        assertThat(RequestInputs.cancelReason(null)).isNull();
        assertThat(RequestInputs.cancelReason("  ")).isNull();
        assertThat(RequestInputs.cancelReason("{\"reason\":\" done \"}")).isEqualTo("done");
        assertRefused(() -> RequestInputs.cancelReason("{\"why\":\"x\"}"), Refusal.Kind.INVALID, "why",
                "Unknown field 'why'. Allowed fields: reason.");
    }

    @Test
    @DisplayName("Given a grant renewal, then days come before the justification, whose hint speaks of access")
    void grantRenewal() {
        assertThat(RequestInputs.grantRenewal(JsonBody.parse("{\"days\":10,\"justification\":\"" + PURPOSE + "\"}")))
                .isEqualTo(new Renewal(10, PURPOSE));
        assertRefused(() -> RequestInputs.grantRenewal(JsonBody.parse("{\"days\":0,\"justification\":\"short\"}")),
                Refusal.Kind.INVALID, "days", "'days' must be between 1 and 3650.");
        assertRefused(() -> RequestInputs.grantRenewal(JsonBody.parse("{\"days\":1,\"justification\":\"short\"}")),
                Refusal.Kind.INVALID, "justification", "'justification' must be at least 20 characters: say why the access is still needed.");
    }

    static void assertRefused(Executable call, Refusal.Kind kind, String field, String message) {
        Refusal refusal = catchThrowableOfType(Refusal.class, call::execute);
        assertThat(refusal).as("refusal").isNotNull();
        assertThat(refusal.kind()).isEqualTo(kind);
        assertThat(refusal.field()).isEqualTo(field);
        assertThat(refusal.getMessage()).isEqualTo(message);
    }
}
