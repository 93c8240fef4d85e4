package dev.partneraccess.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.AccessRequest;
import dev.partneraccess.core.support.Json;

/** A request's representation in the REST API, the inbox and self-service. */
final class RequestJson {

    private RequestJson() {
    }

    static ObjectNode write(AccessRequest request) {
        ObjectNode json = Json.object();
        json.put("id", request.id());
        json.put("type", request.type());
        json.put("user", request.userId());
        json.put("partner", request.partnerId());
        json.put("role", request.roleName());
        json.put("client", request.clientId());
        json.put("businessPurpose", request.businessPurpose());
        json.put("days", request.days());
        json.put("status", request.status());
        json.put("policyVersion", request.policyVersion());
        ArrayNode stageList = json.putArray("stages");
        for (AccessRequest.Stage stage : request.stages()) {
            ObjectNode s = stageList.addObject();
            s.put("stage", stage.name());
            s.put("status", stage.status());
            s.put("decidedBy", stage.decidedBy());
            s.put("decidedAt", stage.decidedAt() == null ? null : Json.isoTime(stage.decidedAt()));
            s.put("justification", stage.justification());
            s.put("onBehalfOf", stage.onBehalfOf());
            s.put("escalated", stage.escalated());
            if (stage.approvers() != null) {
                ArrayNode approvers = s.putArray("approvers");
                for (AccessRequest.Person person : stage.approvers()) {
                    approvers.addObject().put("id", person.id()).put("username", person.username());
                }
            }
        }
        json.put("grantId", request.grantId());
        if (request.serviceAccountId() != null) {
            json.put("serviceAccount", request.serviceAccountId());
        }
        json.put("createdAt", Json.isoTime(request.createdAt()));
        json.put("createdBy", request.createdBy());
        ObjectNode answers = json.putObject("answers");
        request.answers().forEach(answers::put);
        json.put("exception", request.exception());
        if (request.exception()) {
            json.put("exceptionReason", request.exceptionReason());
        }
        return json;
    }
}
