package dev.partneraccess.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.policy.AccessLimits;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.support.Json;

/**
 * The programmes a partner's tier may request, with the most days a request may ask for and the questions its
 * requesters answer: what a partner user can choose from in self-service. When the policy allows exceptions, each
 * programme also says how many days an exception may ask for, and the programmes above the tier are listed too,
 * marked {@code exceptionOnly}. The request itself is still checked in full when it is made.
 */
final class Programmes {

    private Programmes() {
    }

    static ArrayNode allowed(Policy policy, Partner partner) {
        ArrayNode list = Json.array();
        if (policy == null || partner == null) {
            return list;
        }
        Policy.Tier tier = policy.tier(partner.tier()).orElse(null);
        if (tier == null) {
            return list;
        }
        Policy.Exceptions exceptions = policy.exceptions();
        for (Policy.Programme programme : policy.programmes()) {
            boolean reaches = AccessLimits.reaches(policy, tier, programme);
            if (!reaches && exceptions == null) {
                continue;
            }
            ObjectNode entry = list.addObject();
            entry.put("role", programme.role());
            entry.put("client", programme.client());
            ArrayNode stages = entry.putArray("stages");
            programme.stages().forEach(stages::add);
            entry.put("maxDays", AccessLimits.maxDays(tier, programme));
            ArrayNode questions = entry.putArray("questions");
            for (Policy.Question question : programme.questions()) {
                ObjectNode q = questions.addObject();
                q.put("id", question.id());
                ObjectNode text = q.putObject("text");
                question.text().forEach(text::put);
                q.put("required", question.required());
                q.put("maxLength", question.maxLength());
            }
            if (exceptions != null) {
                entry.put("exceptionMaxDays", exceptions.maxDays());
                ArrayNode extra = entry.putArray("exceptionStages");
                exceptions.stages().forEach(extra::add);
                entry.put("exceptionOnly", !reaches);
            }
        }
        return list;
    }
}
