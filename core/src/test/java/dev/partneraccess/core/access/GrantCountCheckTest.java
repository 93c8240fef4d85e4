package dev.partneraccess.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GrantCountCheckTest {

    private static final long HOUR = GrantCountCheck.EVERY;

    @Test
    @DisplayName("Given counts never checked, then the check is due at once")
    void neverCheckedIsDue() {
        assertThat(GrantCountCheck.due(0, 5)).isTrue();
    }

    @Test
    @DisplayName("Given counts checked at t, then the next check is due an hour later and not a moment before")
    void dueAnHourAfterTheLastCheck() {
        long t = 100 * HOUR;
        assertThat(GrantCountCheck.due(t, t + HOUR - 1)).isFalse();
        assertThat(GrantCountCheck.due(t, t + HOUR)).isTrue();
    }

    @Test
    @DisplayName("Given a clock set back more than an hour behind the last check, then the check is due, so a future time cannot silence it")
    void aClockSetBackStillChecks() {
        long t = 100 * HOUR;
        assertThat(GrantCountCheck.due(t, t - 1)).isFalse();
        assertThat(GrantCountCheck.due(t, t - HOUR)).isTrue();
    }

    @Test
    @DisplayName("the drift is kept minus counted, field by field")
    void driftIsKeptMinusCounted() {
        assertThat(GrantCountCheck.drift(new GrantTotals(10, 2), new GrantTotals(7, 3))).isEqualTo(new GrantTotals(3, -1));
        assertThat(GrantCountCheck.drift(new GrantTotals(4, 1), new GrantTotals(4, 1)).isZero()).isTrue();
    }

    @Test
    @DisplayName("one exception counts as one active grant and one exception; one plain grant as one active grant")
    void oneGrantCountsInBothFieldsOnlyWhenAnException() {
        assertThat(GrantTotals.one(true)).isEqualTo(new GrantTotals(1, 1));
        assertThat(GrantTotals.one(false).plus(GrantTotals.one(true)).minus(GrantTotals.one(false))).isEqualTo(new GrantTotals(1, 1));
    }
}
