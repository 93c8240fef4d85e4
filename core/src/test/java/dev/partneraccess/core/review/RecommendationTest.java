package dev.partneraccess.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecommendationTest {

    private static final long DAY = TimeUnit.DAYS.toMillis(1);
    private static final long NOW = 1_800_000_000_000L;

    @Test
    @DisplayName("Given a person whose last login was 31 days ago, then revoke with the idle days as the reason")
    void idlePerson() {
        Recommendation r = Recommendation.of(false, NOW - 31 * DAY, NOW - 100 * DAY, NOW);
        assertThat(r.decision()).isEqualTo("revoke");
        assertThat(r.reason()).isEqualTo("no login for 31 days");
    }

    @Test
    @DisplayName("Given a person who logged in yesterday, then keep")
    void recentPerson() {
        assertThat(Recommendation.of(false, NOW - DAY, NOW - 100 * DAY, NOW).decision()).isEqualTo("keep");
    }

    @Test
    @DisplayName("Given a person with no recorded login, then revoke once the grant is 30 days old, keep before")
    void neverLoggedIn() {
        Recommendation old = Recommendation.of(false, null, NOW - 30 * DAY, NOW);
        assertThat(old.decision()).isEqualTo("revoke");
        assertThat(old.reason()).startsWith("never logged in since ");
        assertThat(Recommendation.of(false, null, NOW - 29 * DAY, NOW).decision()).isEqualTo("keep");
    }

    @Test
    @DisplayName("Given a service account never used or unused for more than 30 days, then revoke; used lately, keep")
    void serviceAccounts() {
        assertThat(Recommendation.of(true, null, NOW, NOW)).isEqualTo(new Recommendation("revoke", "never used"));
        assertThat(Recommendation.of(true, NOW - 31 * DAY, NOW - 90 * DAY, NOW))
                .isEqualTo(new Recommendation("revoke", "not used for 31 days"));
        assertThat(Recommendation.of(true, NOW - 2 * DAY, NOW - 90 * DAY, NOW).decision()).isEqualTo("keep");
    }
}
