package dev.partneraccess.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceRecord;
import dev.partneraccess.core.support.Json;

/**
 * An evidence record's representation in {@code GET /evidence}. The export writes the record's own canonical line
 * ({@link EvidenceRecord#exportLine()}), which is what the chain's hashes cover.
 */
final class EvidenceJson {

    private EvidenceJson() {
    }

    static ObjectNode write(EvidenceRecord record) {
        ObjectNode node = Json.object();
        node.put("seq", record.seq());
        node.put("time", Json.isoTime(record.time()));
        node.put("type", record.type());
        node.put("actor", record.actor());
        node.put("subject", record.subject());
        node.put("partner", record.partner());
        try {
            node.set("details", Json.MAPPER.readTree(record.details()));
        } catch (Exception unreadable) {
            // A record altered outside the product may no longer hold JSON; show it as it is.
            node.put("details", record.details());
        }
        node.put("prevHash", record.prevHash());
        node.put("hash", record.hash());
        return node;
    }
}
