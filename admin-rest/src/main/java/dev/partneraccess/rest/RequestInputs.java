package dev.partneraccess.rest;

import static dev.partneraccess.core.access.RequestService.JUSTIFICATION_MAX;
import static dev.partneraccess.core.access.RequestService.PURPOSE_MAX;
import static dev.partneraccess.core.access.RequestService.PURPOSE_MIN;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.partneraccess.core.access.NewRequest;
import dev.partneraccess.core.access.Renewal;
import dev.partneraccess.core.access.StageDecision;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * The bodies of {@code /requests}, {@code /grants/{id}/renew} and their self-service twins, read in the order the
 * API has always checked them: unknown fields first, then each field in turn; nothing here looks anything up.
 */
final class RequestInputs {

    static final int DAYS_MAX = 3650;
    static final int ANSWERS_MAX = 20;
    static final int ANSWER_MAX = 2000;

    private RequestInputs() {
    }

    /**
     * A new request. For self-service ({@code self}) the {@code user} may be left out and must otherwise be the
     * caller's own id; the check comes where it always came, before the role is read.
     */
    static NewRequest newRequest(JsonBody body, boolean self, String callerId) {
        body.allowOnly("user", "role", "client", "businessPurpose", "days", "answers", "exception");
        String userId = self ? body.optionalString("user", 36) : body.requiredString("user", 36);
        if (self) {
            userId = NewRequest.forSelf(userId, callerId);
        }
        String roleName = body.requiredString("role", 255);
        String clientId = body.optionalString("client", 255);
        String purpose = body.requiredText("businessPurpose", PURPOSE_MIN, PURPOSE_MAX, "say what the access is for");
        int days = body.requiredInt("days", 1, DAYS_MAX);
        return new NewRequest(userId, roleName, clientId, purpose, days, answers(body), exceptionReason(body));
    }

    /** {@code "answers":{"<question id>":"<text>"}}, texts only; which questions there are is the policy's. */
    static Map<String, String> answers(JsonBody body) {
        JsonNode node = body.node().get("answers");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw Refusal.invalid("answers", "'answers' must be an object of texts by question id.");
        }
        if (node.size() > ANSWERS_MAX) {
            throw Refusal.invalid("answers", "'answers' has more than " + ANSWERS_MAX + " entries.");
        }
        Map<String, String> answers = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> answer = fields.next();
            String field = "answers." + TextRules.clip(answer.getKey(), 64);
            if (answer.getKey().length() > 64 || TextRules.problem(answer.getKey(), TextRules.LINE) != null) {
                throw Refusal.invalid(field, "'" + field + "' is not a question id.");
            }
            JsonNode text = answer.getValue();
            if (text.isNull()) {
                continue;
            }
            if (!text.isTextual()) {
                throw Refusal.invalid(field, "'" + field + "' must be a string.");
            }
            if (text.textValue().length() > ANSWER_MAX) {
                throw Refusal.invalid(field, "'" + field + "' is longer than " + ANSWER_MAX + " characters.");
            }
            answers.put(answer.getKey(), text.textValue());
        }
        return answers;
    }

    /** {@code "exception":{"reason":"..."}}: the reason, at least {@value #PURPOSE_MIN} characters; null when absent. */
    static String exceptionReason(JsonBody body) {
        JsonNode node = body.node().get("exception");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw Refusal.invalid("exception", "'exception' must be an object: {\"reason\": \"why the policy's limits"
                    + " do not fit this case\"}.");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("reason")) {
                throw Refusal.invalid("exception." + TextRules.clip(name, 64), "Unknown field 'exception."
                        + TextRules.clip(name, 64) + "'. Allowed fields: reason.");
            }
        }
        JsonNode given = node.get("reason");
        if (given != null && !given.isNull() && !given.isTextual()) {
            throw Refusal.invalid("exception.reason", "'exception.reason' must be a string.");
        }
        String reason = given == null || given.isNull() ? null : given.textValue().strip();
        if (reason != null && reason.length() > PURPOSE_MAX) {
            throw Refusal.invalid("exception.reason", "'exception.reason' is longer than " + PURPOSE_MAX + " characters.");
        }
        if (reason != null && !reason.isEmpty()) {
            reason = TextRules.check("exception.reason", reason, TextRules.MULTI_LINE);
        }
        if (reason == null || reason.length() < PURPOSE_MIN) {
            throw Refusal.invalid("exception.reason", "'exception.reason' must be at least " + PURPOSE_MIN
                    + " characters: say why the policy's limits do not fit this case.");
        }
        return reason;
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
