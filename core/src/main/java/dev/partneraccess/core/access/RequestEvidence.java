package dev.partneraccess.core.access;

import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.support.Json;

/**
 * The details a request's evidence records carry, field by field in the order they are written today: the ledger's
 * hash covers the canonical JSON of the details, and audits compare them, so the order must never change.
 */
final class RequestEvidence {

    private RequestEvidence() {
    }

    /** What every record of a request starts with: its beneficiary, role and client. */
    static ObjectNode details(RequestModel request) {
        return head(request.getUserId(), request.getRoleName(), request.getClientId());
    }

    static ObjectNode head(String user, String role, String client) {
        ObjectNode details = Json.object();
        details.put("user", user);
        details.put("role", role);
        details.put("client", client);
        return details;
    }

    /**
     * {@code REQUEST_CREATED}: after the head, the request's type, the fields of its subject (the grant or the
     * service account a renewal extends, nothing for access), the days, the most days when the kind has a maximum
     * of its programme ({@code maxDays} null for a service account), the purpose, the stages and the policy version.
     */
    static ObjectNode created(ObjectNode details, String type, Consumer<ObjectNode> subject, int days, Integer maxDays,
                              String purpose, List<String> stages, int policyVersion) {
        details.put("type", type);
        subject.accept(details);
        details.put("days", days);
        if (maxDays != null) {
            details.put("maxDays", maxDays.intValue());
        }
        details.put("businessPurpose", purpose);
        ArrayNode stageList = details.putArray("stages");
        stages.forEach(stageList::add);
        details.put("policyVersion", policyVersion);
        return details;
    }

    /**
     * After the fields of {@link #created}, and only when the request has them (older records stay as they were): the
     * requester's answers by question id, and for an exception the flag and its reason.
     */
    static ObjectNode answersAndException(ObjectNode details, RequestModel request) {
        if (request.getAnswers() != null) {
            details.set("answers", Json.read(request.getAnswers()));
        }
        if (request.getExceptionReason() != null) {
            details.put("exception", true);
            details.put("exceptionReason", request.getExceptionReason());
        }
        return details;
    }
}
