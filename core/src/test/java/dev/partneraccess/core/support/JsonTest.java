package dev.partneraccess.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.partneraccess.core.evidence.EvidenceFilter;

class JsonTest {

    @Test
    @DisplayName("Given an ISO-8601 UTC time, then it reads as epoch milliseconds, the years 0000 and 9999 included")
    void readsTimes() {
        assertThat(Json.parseIsoTime(" 2026-11-26T10:00:00Z ", "to")).isEqualTo(1_795_687_200_000L);
        assertThat(Json.parseIsoTime("1970-01-01T00:00:00.001Z", "to")).isEqualTo(1L);
        assertThat(Json.parseIsoTime("0000-01-01T00:00:00Z", "to")).isEqualTo(-62_167_219_200_000L);
        assertThat(Json.parseIsoTime("9999-12-31T23:59:59.999Z", "to")).isEqualTo(253_402_300_799_999L);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
            "-0001-12-31T23:59:59Z", "2026-13-01T00:00:00Z", "2026-11-26", "yesterday", "1795687200000", ""})
    @DisplayName("Given an extreme, out-of-range or malformed time, then it is a 400 naming the parameter, never an overflow")
    void extremeTimesRefused(String value) {
        Refusal refused = catchThrowableOfType(Refusal.class, () -> Json.parseIsoTime(value, "expiringBefore"));

        assertThat(refused).as("a Refusal").isNotNull();
        assertThat(refused.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(refused.field()).isEqualTo("expiringBefore");
    }

    @Test
    @DisplayName("Given extreme evidence bounds, then the filter refuses them naming 'from' or 'to'")
    void evidenceFilterNamesTheBound() {
        Refusal from = catchThrowableOfType(Refusal.class,
                () -> EvidenceFilter.parse(null, null, null, "-999999999-01-01T00:00:00Z", null));
        Refusal to = catchThrowableOfType(Refusal.class,
                () -> EvidenceFilter.parse(null, null, null, null, "+999999999-12-31T23:59:59Z"));

        assertThat(from.field()).isEqualTo("from");
        assertThat(to.field()).isEqualTo("to");
        assertThat(EvidenceFilter.parse(" ", "", null, "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z").fromMillis())
                .isEqualTo(-62_167_219_200_000L);
    }
}
