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
                     List<String> serviceAccountStages, List<ReviewSchedule> reviewSchedule, ObjectNode document,
                     Exceptions exceptions) {

    /** A policy that allows no exceptions. */
    public Policy(List<Tier> tiers, Agreement agreement, Map<String, Stage> stages, List<Programme> programmes,
                  int requestTimeoutDays, List<Integer> expiryNoticeDays, String outOfBand,
                  List<String> serviceAccountStages, List<ReviewSchedule> reviewSchedule, ObjectNode document) {
        this(tiers, agreement, stages, programmes, requestTimeoutDays, expiryNoticeDays, outOfBand, serviceAccountStages,
                reviewSchedule, document, null);
    }

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

    /**
     * A stage is decided by holders of a role, of a role prefix plus the partner's region, or by the business owner.
     * When {@code escalateAfterDays} is set, a stage still pending that many days after the request was made is
     * escalated by the sweep: holders of {@code escalateRole} may then decide it too.
     */
    public record Stage(String name, String approverRole, String approverRolePrefix, boolean businessOwner,
                        Integer escalateAfterDays, String escalateRole) {

        /** A stage that is never escalated. */
        public Stage(String name, String approverRole, String approverRolePrefix, boolean businessOwner) {
            this(name, approverRole, approverRolePrefix, businessOwner, null, null);
        }
    }

    /**
     * A recurring access review the sweep starts every {@code everyDays} days: its scope (null fields leave it open),
     * reviewer rule ({@code owner}, {@code approvers} or a user id), how many days it runs and its default decision.
     */
    public record ReviewSchedule(String name, int everyDays, String partner, String tier, String region, String role,
                                 String client, Boolean serviceAccounts, String reviewer, int days,
                                 String defaultDecision) {
    }

    /** A programme and the questions its requesters answer (none by default). */
    public record Programme(String role, String client, List<String> stages, String minTier, Integer maxDays,
                            List<Question> questions) {

        public Programme(String role, String client, List<String> stages, String minTier, Integer maxDays) {
            this(role, client, stages, minTier, maxDays, List.of());
        }
    }

    /** A question a programme's requester answers, worded per language ({@code en} always), with a length bound. */
    public record Question(String id, Map<String, String> text, boolean required, int maxLength) {
    }

    /**
     * The {@code exceptions} section: a request with an exception reason may ask for more days than the programme
     * allows, or for a programme above the partner's tier, for at most {@code maxDays}, through the programme's stages
     * plus {@code stages}.
     */
    public record Exceptions(List<String> stages, int maxDays) {
    }
}
