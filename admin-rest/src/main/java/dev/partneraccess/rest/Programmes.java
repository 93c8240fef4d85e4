package dev.partneraccess.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.policy.AccessLimits;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.support.Json;

/**
 * The programmes a partner's tier may request, with the most days a request may ask for: what a partner user can
 * choose from in self-service. The request itself is still checked in full when it is made.
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
        for (Policy.Programme programme : policy.programmes()) {
            if (!AccessLimits.reaches(policy, tier, programme)) {
                continue;
            }
            ObjectNode entry = list.addObject();
            entry.put("role", programme.role());
            entry.put("client", programme.client());
            ArrayNode stages = entry.putArray("stages");
            programme.stages().forEach(stages::add);
            entry.put("maxDays", AccessLimits.maxDays(tier, programme));
        }
        return list;
    }
}
