package dev.partneraccess.core.access;

import java.util.Map;
import java.util.Optional;

/**
 * Who may not decide a stage of a request, whatever roles they hold: the one who asked for it, the one who would
 * benefit from it, and whoever already decided another of its stages. A pure rule: it sees ids only, and answers the
 * reason to refuse, if any. Every request kind goes through it.
 */
public final class SeparationOfDuties {

    private SeparationOfDuties() {
    }

    /**
     * @param approverId the user deciding
     * @param requesterId who created the request
     * @param beneficiaryId whose access it is (for a service account's renewal, the account's own user)
     * @param stage the stage being decided
     * @param decidedBy the request's stages already decided, by stage name, with who decided them
     * @return why the approver may not decide, or empty when they may
     */
    public static Optional<String> refusal(String approverId, String requesterId, String beneficiaryId, String stage,
                                           Map<String, String> decidedBy) {
        if (approverId.equals(requesterId)) {
            return Optional.of("Separation of duties: the requester may not decide a stage of their own request.");
        }
        if (approverId.equals(beneficiaryId)) {
            return Optional.of("Separation of duties: the beneficiary may not decide a stage of a request for themselves.");
        }
        return decidedBy.entrySet().stream()
                .filter(decided -> !decided.getKey().equals(stage) && approverId.equals(decided.getValue()))
                .map(Map.Entry::getKey).sorted().findFirst()
                .map(other -> "Separation of duties: you already decided stage '" + other
                        + "' of this request; another approver must decide stage '" + stage + "'.");
    }
}
