package dev.partneraccess.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SweepCountsTest {

    @Test
    @DisplayName("the counts of the steps add up field by field, each step's in its own field")
    void countsOfTheStepsAddUp() {
        SweepCounts total = SweepCounts.NONE
                .plus(SweepCounts.expired(3))
                .plus(SweepCounts.serviceAccounts(2, 5))
                .plus(SweepCounts.timedOut(7))
                .plus(SweepCounts.notices(11))
                .plus(SweepCounts.NONE)
                .plus(SweepCounts.expired(1));

        assertThat(total).isEqualTo(new SweepCounts(4, 5, 2, 7, 11));
    }

    @Test
    @DisplayName("a service account step counts the accounts disabled apart from the grants revoked with them")
    void serviceAccountCountsKeepDisabledApartFromRevoked() {
        SweepCounts counts = SweepCounts.serviceAccounts(2, 9);

        assertThat(counts.serviceAccountsDisabled()).isEqualTo(2);
        assertThat(counts.revoked()).isEqualTo(9);
        assertThat(counts.expired()).isZero();
    }
}
