package dev.partneraccess.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;
import org.keycloak.models.SingleUseObjectProvider;

class DenialThrottleTest {

    private final InMemoryStore store = new InMemoryStore();
    private final DenialThrottle throttle = new DenialThrottle(store);

    @AfterEach
    void resetClock() {
        Time.setOffset(0);
    }

    @Test
    @DisplayName("Given a storm of denials in one minute, then one is written and the next minute's record counts the rest")
    void oneRecordPerMinuteAndTheNextCarriesTheSuppressedCount() {
        startOfMinute();
        assertThat(throttle.admit("r", "u", "suspended")).hasValue(0);
        for (int i = 0; i < 199; i++) {
            assertThat(throttle.admit("r", "u", "suspended")).isEmpty();
        }
        Time.setOffset(Time.getOffset() + DenialThrottle.WINDOW_SECONDS);
        assertThat(throttle.admit("r", "u", "suspended")).hasValue(199);
        assertThat(throttle.admit("r", "u", "suspended")).isEmpty();
        Time.setOffset(Time.getOffset() + DenialThrottle.WINDOW_SECONDS);
        assertThat(throttle.admit("r", "u", "suspended")).hasValue(1);
    }

    @Test
    @DisplayName("Given two denials seconds apart across a minute's boundary, then one is written")
    void theWindowSlidesAcrossTheMinutesBoundary() {
        startOfMinute();
        Time.setOffset(Time.getOffset() - 1);
        assertThat(throttle.admit("r", "u", "offboarded")).hasValue(0);
        Time.setOffset(Time.getOffset() + 2);
        assertThat(throttle.admit("r", "u", "offboarded")).isEmpty();
        Time.setOffset(Time.getOffset() + DenialThrottle.WINDOW_SECONDS - 3);
        assertThat(throttle.admit("r", "u", "offboarded")).isEmpty();
        Time.setOffset(Time.getOffset() + 1);
        assertThat(throttle.admit("r", "u", "offboarded")).hasValue(2);
    }

    @Test
    @DisplayName("Given denials of other users or for other reasons, then each user and reason has its own minute")
    void usersReasonsAndRealmsAreCountedApart() {
        startOfMinute();
        assertThat(throttle.admit("r", "u", "suspended")).isEqualTo(OptionalInt.of(0));
        assertThat(throttle.admit("r", "u", "tier")).isEqualTo(OptionalInt.of(0));
        assertThat(throttle.admit("r", "v", "suspended")).isEqualTo(OptionalInt.of(0));
        assertThat(throttle.admit("other", "u", "suspended")).isEqualTo(OptionalInt.of(0));
        assertThat(throttle.admit("r", "u", "suspended")).isEmpty();
    }

    /** Moves the clock to the start of a minute, so a test's denials all fall into one window. */
    private static void startOfMinute() {
        int now = Time.currentTime();
        Time.setOffset(DenialThrottle.WINDOW_SECONDS - now % DenialThrottle.WINDOW_SECONDS);
    }

    /** Keycloak's single-use store without lifespans: the throttle's windows come from the clock, not from expiry. */
    private static final class InMemoryStore implements SingleUseObjectProvider {
        private final Map<String, Map<String, String>> entries = new HashMap<>();

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            entries.put(key, Map.copyOf(notes));
        }

        @Override
        public Map<String, String> get(String key) {
            return entries.get(key);
        }

        @Override
        public Map<String, String> remove(String key) {
            return entries.remove(key);
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return entries.replace(key, Map.copyOf(notes)) != null;
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanSeconds) {
            return entries.putIfAbsent(key, Map.of()) == null;
        }

        @Override
        public boolean contains(String key) {
            return entries.containsKey(key);
        }

        @Override
        public void close() {
        }
    }
}
