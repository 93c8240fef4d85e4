package dev.partneraccess.rest;

import static dev.partneraccess.rest.RequestInputsTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.partneraccess.core.review.ItemDecision;
import dev.partneraccess.core.review.NewReview;
import dev.partneraccess.core.review.ReviewScope;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Refusal;

class ReviewInputsTest {

    private static NewReview read(String scope, String days, String defaultDecision) {
        return ReviewInputs.newReview(JsonBody.parse("{\"name\":\"Q4\",\"scope\":" + scope + ",\"reviewer\":\"owner\",\"days\":"
                + days + ",\"defaultDecision\":\"" + defaultDecision + "\"}"));
    }

    @Test
    @DisplayName("Given a valid body, then every field is read and the scope keeps only what it names")
    void readsAValidBody() {
        assertThat(read("{\"partner\":\"p1\",\"serviceAccounts\":false}", "14", "revoke"))
                .isEqualTo(new NewReview("Q4", new ReviewScope("p1", null, null, null, null, false), "owner", 14, "revoke"));
    }

    @Test
    @DisplayName("Given an unknown scope field, then it is refused naming the field")
    void unknownScopeField() {
        assertRefused(() -> read("{\"partner\":\"p1\",\"colour\":\"gold\"}", "14", "keep"), Refusal.Kind.INVALID,
                "scope.colour", "Unknown scope field 'colour'. Allowed scope fields: partner, tier, region, role, client, serviceAccounts.");
    }

    @Test
    @DisplayName("Given an empty scope, a scope that is not an object or no scope, then 'scope' is refused")
    void emptyScope() {
        assertRefused(() -> read("{}", "14", "keep"), Refusal.Kind.INVALID, "scope",
                "'scope' must name at least one of partner, tier, region, role, client, serviceAccounts.");
        assertRefused(() -> read("\"all\"", "14", "keep"), Refusal.Kind.INVALID, "scope", "'scope' must be a JSON object.");
        assertRefused(() -> read("null", "14", "keep"), Refusal.Kind.INVALID, "scope", "'scope' is required.");
    }

    @Test
    @DisplayName("Given days outside 1..365 or a default decision other than keep or revoke, then the field is refused")
    void boundsAndChoices() {
        assertRefused(() -> read("{\"tier\":\"gold\"}", "0", "keep"), Refusal.Kind.INVALID, "days", "'days' must be between 1 and 365.");
        assertRefused(() -> read("{\"tier\":\"gold\"}", "366", "keep"), Refusal.Kind.INVALID, "days", "'days' must be between 1 and 365.");
        assertRefused(() -> read("{\"tier\":\"gold\"}", "30", "maybe"), Refusal.Kind.INVALID, "defaultDecision",
                "'defaultDecision' must be 'keep' or 'revoke'.");
    }

    @Test
    @DisplayName("Given a decision, then keep or revoke with a justification is read and anything else refused")
    void decisions() {
        assertThat(ReviewInputs.decision(JsonBody.parse("{\"decision\":\"keep\",\"justification\":\"Still needed.\"}")))
                .isEqualTo(new ItemDecision("keep", "Still needed."));
        assertRefused(() -> ReviewInputs.decision(JsonBody.parse("{\"decision\":\"approve\",\"justification\":\"x\"}")),
                Refusal.Kind.INVALID, "decision", "'decision' must be 'keep' or 'revoke'.");
        assertRefused(() -> ReviewInputs.decision(JsonBody.parse("{\"decision\":\"keep\"}")),
                Refusal.Kind.INVALID, "justification", "'justification' is required.");
    }
}
