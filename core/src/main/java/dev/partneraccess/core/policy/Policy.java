package dev.partneraccess.core.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated policy document: the typed view the services use, plus the document itself as the admin wrote it.
 */
public record Policy(List<Tier> tiers, Agreement agreement, Map<String, Stage> stages, List<Programme> programmes,
                     int requestTimeoutDays, List<Integer> expiryNoticeDays, String outOfBand,
                     List<String> serviceAccountStages, ObjectNode document) {

    public static final String AGREEMENT_ACTION = "partner-agreement";
    public static final String ATTESTATION_ACTION = "partner-purpose-attestation";
    public static final Set<String> REQUIRED_ACTIONS = Set.of(AGREEMENT_ACTION, ATTESTATION_ACTION);
    public static final Set<String> STAGE_NAMES = Set.of("legal", "brand", "security", "regional", "owner");
    public static final Set<String> OUT_OF_BAND_MODES = Set.of("revert", "flag");

    public Optional<Tier> tier(String name) {
        return tiers.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public record Tier(String name, int rank, int maxGrantDays, List<String> requiredActions, Integer attestationDays,
                       Integer secretMaxDays) {
    }

    public record Agreement(String version, String url) {
    }

    /** A stage is decided by holders of a role, of a role prefix plus the partner's region, or by the business owner. */
    public record Stage(String name, String approverRole, String approverRolePrefix, boolean businessOwner) {
    }

    public record Programme(String role, String client, List<String> stages, String minTier, Integer maxDays) {
    }
}
