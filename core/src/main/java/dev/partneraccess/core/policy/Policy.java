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
                     List<String> serviceAccountStages, List<ReviewSchedule> reviewSchedule, ObjectNode document) {

    /** A policy without recurring reviews. */
    public Policy(List<Tier> tiers, Agreement agreement, Map<String, Stage> stages, List<Programme> programmes,
                  int requestTimeoutDays, List<Integer> expiryNoticeDays, String outOfBand,
                  List<String> serviceAccountStages, ObjectNode document) {
        this(tiers, agreement, stages, programmes, requestTimeoutDays, expiryNoticeDays, outOfBand, serviceAccountStages,
                List.of(), document);
    }

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

    /**
     * A recurring access review the sweep starts every {@code everyDays} days: its scope (null fields leave it open),
     * reviewer rule ({@code owner}, {@code approvers} or a user id), how many days it runs and its default decision.
     */
    public record ReviewSchedule(String name, int everyDays, String partner, String tier, String region, String role,
                                 String client, Boolean serviceAccounts, String reviewer, int days,
                                 String defaultDecision) {
    }

    public record Programme(String role, String client, List<String> stages, String minTier, Integer maxDays) {
    }
}
