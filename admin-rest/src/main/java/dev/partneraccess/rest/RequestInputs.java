package dev.partneraccess.rest;

import static dev.partneraccess.core.access.RequestService.JUSTIFICATION_MAX;
import static dev.partneraccess.core.access.RequestService.PURPOSE_MAX;
import static dev.partneraccess.core.access.RequestService.PURPOSE_MIN;

import dev.partneraccess.core.access.NewRequest;
import dev.partneraccess.core.access.Renewal;
import dev.partneraccess.core.access.StageDecision;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Refusal;

/**
 * The bodies of {@code /requests}, {@code /grants/{id}/renew} and their self-service twins, read in the order the
 * API has always checked them: unknown fields first, then each field in turn; nothing here looks anything up.
 */
final class RequestInputs {

    static final int DAYS_MAX = 3650;

    private RequestInputs() {
    }

    /**
     * A new request. For self-service ({@code self}) the {@code user} may be left out and must otherwise be the
     * caller's own id; the check comes where it always came, before the role is read.
     */
    static NewRequest newRequest(JsonBody body, boolean self, String callerId) {
        body.allowOnly("user", "role", "client", "businessPurpose", "days");
        String userId = self ? body.optionalString("user", 36) : body.requiredString("user", 36);
        if (self) {
            userId = NewRequest.forSelf(userId, callerId);
        }
        String roleName = body.requiredString("role", 255);
        String clientId = body.optionalString("client", 255);
        String purpose = body.requiredText("businessPurpose", PURPOSE_MIN, PURPOSE_MAX, "say what the access is for");
        int days = body.requiredInt("days", 1, DAYS_MAX);
        return new NewRequest(userId, roleName, clientId, purpose, days);
    }

    /** A stage decision: a rejection needs a justification, an approval may give one. */
    static StageDecision decision(JsonBody body) {
        body.allowOnly("stage", "decision", "justification");
        String stageName = body.requiredString("stage", 32);
        String decision = body.requiredString("decision", 16);
        if (!decision.equals("approve") && !decision.equals("reject")) {
            throw Refusal.invalid("decision", "'decision' must be \"approve\" or \"reject\".");
        }
        boolean approve = decision.equals("approve");
        String justification = approve ? body.optionalText("justification", JUSTIFICATION_MAX)
                : body.requiredText("justification", JUSTIFICATION_MAX);
        return new StageDecision(stageName, approve ? StageDecision.Decision.APPROVE : StageDecision.Decision.REJECT,
                justification);
    }

    /** A cancellation's reason, optional; an empty body is an empty object. */
    static String cancelReason(String raw) {
        JsonBody body = JsonBody.parse(raw == null || raw.isBlank() ? "{}" : raw);
        body.allowOnly("reason");
        return body.optionalText("reason", JUSTIFICATION_MAX);
    }

    /** A grant's renewal. */
    static Renewal grantRenewal(JsonBody body) {
        return renewal(body, "say why the access is still needed");
    }

    /** The body of a renewal, of a grant or a service account; {@code why} is the hint for a too-short justification. */
    static Renewal renewal(JsonBody body, String why) {
        body.allowOnly("days", "justification");
        int days = body.requiredInt("days", 1, DAYS_MAX);
        String justification = body.requiredText("justification", PURPOSE_MIN, PURPOSE_MAX, why);
        return new Renewal(days, justification);
    }
}
