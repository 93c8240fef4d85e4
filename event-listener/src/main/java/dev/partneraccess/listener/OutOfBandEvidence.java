package dev.partneraccess.listener;

import org.jboss.logging.Logger;
import org.keycloak.models.RoleModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.GovernedRoles;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.support.Json;

/**
 * Records an out-of-band mapping: the evidence details every kind shares (the kind adds its subject's fields between
 * {@link #details} and {@link #record}), the ledger entry as reverted or flagged, and the warning in the log.
 */
final class OutOfBandEvidence {

    /** Logs under the guard's name, as an operator filters on it. */
    private static final Logger LOG = Logger.getLogger(OutOfBandGuard.class);

    private OutOfBandEvidence() {
    }

    static ObjectNode details(OutOfBandContext context, RoleModel mapped, RoleModel governed, String via) {
        ObjectNode details = Json.object();
        details.put("role", governed.getName());
        details.put("client", GovernedRoles.clientIdOf(governed));
        if (!mapped.getId().equals(governed.getId())) {
            details.put("mappedRole", mapped.getName());
            details.put("mappedClient", GovernedRoles.clientIdOf(mapped));
        }
        details.put("via", via);
        details.put("resourcePath", context.path());
        details.put("mode", context.policy().outOfBand());
        return details;
    }

    static void record(OutOfBandContext context, String subject, String partnerId, ObjectNode details) {
        boolean revert = context.revert();
        details.put("reverted", revert);
        context.ledger().append(context.realm().getId(),
                revert ? EvidenceType.OUT_OF_BAND_GRANT_REVERTED : EvidenceType.OUT_OF_BAND_GRANT_FLAGGED,
                context.actor(), subject, partnerId, details);
        LOG.warnf("out-of-band %s of governed role %s by %s in realm %s (%s): %s", details.get("via").asText(),
                details.get("role").asText(), context.actor().username(), context.realm().getName(), context.path(),
                revert ? "reverted" : "flagged");
    }
}
