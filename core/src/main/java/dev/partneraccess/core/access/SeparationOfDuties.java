package dev.partneraccess.core.access;

import java.util.List;
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

    /**
     * The same rule for a decision by a delegate: both the delegate and the person they decide for
     * ({@code onBehalfOf}, null for a decision in one's own name) must be free to decide, and a person counts as having
     * decided a stage whether they decided it themselves or a delegate did it for them.
     *
     * @param deciders the request's stages already decided, by stage name, with who decided them and for whom
     */
    public static Optional<String> refusal(String approverId, String onBehalfOf, String requesterId,
                                           String beneficiaryId, String stage, Map<String, List<String>> deciders) {
        for (String person : onBehalfOf == null ? List.of(approverId) : List.of(approverId, onBehalfOf)) {
            Map<String, String> decidedBy = new java.util.HashMap<>();
            deciders.forEach((name, people) -> {
                if (people.contains(person)) {
                    decidedBy.put(name, person);
                }
            });
            if (person.equals(approverId)) {
                Optional<String> refused = refusal(person, requesterId, beneficiaryId, stage, decidedBy);
                if (refused.isPresent()) {
                    return refused;
                }
            } else if (person.equals(requesterId)) {
                return Optional.of("Separation of duties: you decide on behalf of the requester of this request.");
            } else if (person.equals(beneficiaryId)) {
                return Optional.of("Separation of duties: you decide on behalf of the beneficiary of this request.");
            } else {
                Optional<String> other = decidedBy.keySet().stream().filter(name -> !name.equals(stage)).sorted().findFirst();
                if (other.isPresent()) {
                    return Optional.of("Separation of duties: the approver you decide for already decided stage '"
                            + other.get() + "' of this request; another approver must decide stage '" + stage + "'.");
                }
            }
        }
        return Optional.empty();
    }
}
