package dev.partneraccess.core.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.support.Refusal;

/**
 * Which stages a request goes through and who decides each, from the policy alone: the programme's stages in their
 * order, then each stage a further rule adds (non-human beneficiaries, exceptions), each stage once. A stage
 * is decided by one user (the partner's business owner) or by the holders of a realm role, for {@code regional} the
 * role prefix plus the partner's region, lower-case.
 */
public final class StageSelection {

    /** Who decides a stage: exactly one of the two is set. */
    public record Decider(String userId, String role) {
    }

    private StageSelection() {
    }

    /** The stage names in decision order: {@code first}, then each of {@code added} not already there. */
    @SafeVarargs
    public static List<String> stages(Collection<String> first, Collection<String>... added) {
        List<String> names = new ArrayList<>(first);
        for (Collection<String> more : added) {
            more.stream().filter(name -> !names.contains(name)).forEach(names::add);
        }
        return names;
    }

    /** An access request's stages: the programme's, plus the policy's non-human stages for a service account. */
    public static List<String> forAccess(Policy policy, Policy.Programme programme, boolean serviceAccount) {
        return forAccess(policy, programme, serviceAccount, false);
    }

    /** The same, plus the policy's exception stages for a request that is an exception. */
    public static List<String> forAccess(Policy policy, Policy.Programme programme, boolean serviceAccount,
                                         boolean exception) {
        List<String> none = List.of();
        return stages(programme.stages(), serviceAccount ? policy.serviceAccountStages() : none,
                exception && policy.exceptions() != null ? policy.exceptions().stages() : none);
    }

    /**
     * Who decides {@code stage} for a request of {@code partner}; refused (409) when the partner lacks what the stage
     * needs: a business owner who still exists ({@code ownerExists}), or a region for a regional stage.
     */
    public static Decider decider(Policy.Stage stage, Partner partner, Predicate<String> ownerExists) {
        if (stage.businessOwner()) {
            if (partner.businessOwner() == null || !ownerExists.test(partner.businessOwner())) {
                throw Refusal.conflict("partner", "Partner '" + partner.name()
                        + "' has no business owner to decide the 'owner' stage.");
            }
            return new Decider(partner.businessOwner(), null);
        }
        if (stage.approverRolePrefix() != null) {
            if (partner.region() == null || partner.region().isBlank()) {
                throw Refusal.conflict("partner", "Partner '" + partner.name()
                        + "' has no region to choose the approvers of the 'regional' stage.");
            }
            return new Decider(null, Approvers.normalise(stage.approverRolePrefix() + partner.region()));
        }
        return new Decider(null, Approvers.normalise(stage.approverRole()));
    }
}
