package dev.partneraccess.core.policy;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The policy's time limits in one place: how many days a grant of a programme may last at a tier, and when a service
 * account's secret is too old. Requests, the self-service programme list, renewals, the expiry sweep, its notices and
 * the posture report all ask here, so none of them can drift from the others. Times are epoch milliseconds.
 */
public final class AccessLimits {

    static final long DAY = TimeUnit.DAYS.toMillis(1);

    private AccessLimits() {
    }

    /** The most days a grant of the programme may last for a partner at the tier: the tier's limit, or the programme's if lower. */
    public static int maxDays(Policy.Tier tier, Policy.Programme programme) {
        Objects.requireNonNull(tier, "tier");
        if (programme == null || programme.maxDays() == null) {
            return tier.maxGrantDays();
        }
        return Math.min(tier.maxGrantDays(), programme.maxDays());
    }

    /** Whether a partner at the tier may use the programme (the programme names no minimum, or the tier ranks at or above it). */
    public static boolean reaches(Policy policy, Policy.Tier tier, Policy.Programme programme) {
        if (programme.minTier() == null) {
            return true;
        }
        return policy.tier(programme.minTier()).map(minimum -> tier.rank() >= minimum.rank()).orElse(true);
    }

    /** When a secret rotated at {@code rotatedAt} becomes too old at the tier; empty when the tier sets no maximum age. */
    public static OptionalLong secretDeadline(Policy.Tier tier, long rotatedAt) {
        if (tier == null || tier.secretMaxDays() == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(rotatedAt + tier.secretMaxDays() * DAY);
    }

    /** Whether the secret rotated at {@code rotatedAt} is too old at the tier by {@code now} (its deadline reached). */
    public static boolean secretTooOld(Policy.Tier tier, long rotatedAt, long now) {
        OptionalLong deadline = secretDeadline(tier, rotatedAt);
        return deadline.isPresent() && deadline.getAsLong() <= now;
    }

    /** Secrets rotated at or before this time are too old at the tier by {@code now}; {@link Long#MIN_VALUE} when none can be. */
    public static long secretsTooOldUpTo(Policy.Tier tier, long now) {
        return tier == null || tier.secretMaxDays() == null ? Long.MIN_VALUE : now - tier.secretMaxDays() * DAY;
    }

    /**
     * Secrets rotated at or before this time may be too old by {@code now} under the policy's strictest tier: the sweep
     * reads only these candidates and lets each account's own tier decide. {@link Long#MIN_VALUE} when no tier sets an age.
     */
    public static long secretCandidatesUpTo(Policy policy, long now) {
        return policy.tiers().stream().map(Policy.Tier::secretMaxDays).filter(Objects::nonNull).min(Integer::compare)
                .map(days -> now - days * DAY).orElse(Long.MIN_VALUE);
    }
}
