package dev.partneraccess.core.policy;

import static dev.partneraccess.core.policy.AccessLimits.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AccessLimitsTest {

    private static final long NOW = 1_800_000_000_000L;

    private static Policy.Tier tier(String name, int rank, int maxGrantDays, Integer secretMaxDays) {
        return new Policy.Tier(name, rank, maxGrantDays, List.of(), null, secretMaxDays);
    }

    private static Policy.Programme programme(String minTier, Integer maxDays) {
        return new Policy.Programme("deal-registration", null, List.of(), minTier, maxDays);
    }

    private static Policy policy(Policy.Tier... tiers) {
        return new Policy(List.of(tiers), null, Map.of(), List.of(), 14, List.of(), "revert", List.of(), null);
    }

    @Test
    void aGrantLastsAtMostTheTiersLimitOrTheProgrammesWhicheverIsLower() {
        Policy.Tier gold = tier("gold", 3, 90, null);
        assertThat(AccessLimits.maxDays(gold, programme(null, null))).isEqualTo(90);
        assertThat(AccessLimits.maxDays(gold, programme(null, 30))).isEqualTo(30);
        assertThat(AccessLimits.maxDays(gold, programme(null, 365))).isEqualTo(90);
        assertThat(AccessLimits.maxDays(gold, null)).as("a service account has no programme").isEqualTo(90);
    }

    @Test
    void aProgrammesMinimumTierIsReachedAtOrAboveItsRank() {
        Policy.Tier registered = tier("registered", 1, 30, null);
        Policy.Tier silver = tier("silver", 2, 60, null);
        Policy.Tier gold = tier("gold", 3, 90, null);
        Policy policy = policy(registered, silver, gold);
        assertThat(AccessLimits.reaches(policy, registered, programme("silver", null))).isFalse();
        assertThat(AccessLimits.reaches(policy, silver, programme("silver", null))).isTrue();
        assertThat(AccessLimits.reaches(policy, gold, programme("silver", null))).isTrue();
        assertThat(AccessLimits.reaches(policy, registered, programme(null, null))).isTrue();
    }

    @Test
    void aSecretIsTooOldFromItsDeadlineOnAndNeverWhereTheTierSetsNoAge() {
        Policy.Tier strict = tier("gold", 3, 90, 30);
        long rotated = NOW - 30 * DAY;
        assertThat(AccessLimits.secretDeadline(strict, rotated)).hasValue(NOW);
        assertThat(AccessLimits.secretTooOld(strict, rotated, NOW)).as("on the deadline").isTrue();
        assertThat(AccessLimits.secretTooOld(strict, rotated + 1, NOW)).as("a millisecond younger").isFalse();
        assertThat(AccessLimits.secretsTooOldUpTo(strict, NOW)).isEqualTo(rotated);

        Policy.Tier lax = tier("registered", 1, 30, null);
        assertThat(AccessLimits.secretDeadline(lax, 0)).isEmpty();
        assertThat(AccessLimits.secretTooOld(lax, 0, NOW)).isFalse();
        assertThat(AccessLimits.secretsTooOldUpTo(lax, NOW)).isEqualTo(Long.MIN_VALUE);
        assertThat(AccessLimits.secretTooOld(null, 0, NOW)).as("an account whose partner has no tier in the policy").isFalse();
    }

    @Test
    void theSweepsCandidatesFollowTheStrictestTier() {
        Policy policy = policy(tier("registered", 1, 30, null), tier("silver", 2, 60, 90), tier("gold", 3, 90, 30));
        assertThat(AccessLimits.secretCandidatesUpTo(policy, NOW)).isEqualTo(NOW - 30 * DAY);
        assertThat(AccessLimits.secretCandidatesUpTo(policy(tier("registered", 1, 30, null)), NOW)).isEqualTo(Long.MIN_VALUE);
    }
}
