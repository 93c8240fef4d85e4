package dev.partneraccess.core.support;

import static dev.partneraccess.core.support.JsonBodyTest.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PagingTest {

    @Test
    @DisplayName("Given no first and no max, then paging starts at 0 with 100 items")
    void defaults() {
        assertThat(Paging.parse(null, null)).isEqualTo(new Paging(0, 100));
        assertThat(Paging.parse("", "  ")).isEqualTo(new Paging(0, 100));
    }

    @ParameterizedTest(name = "first={0} max={1}")
    @CsvSource({"0,1,0,1", "5,50,5,50", "' 7 ',1000,7,1000", "2147483647,999,2147483647,999"})
    @DisplayName("Given first and max within bounds, then they are taken as given")
    void withinBounds(String first, String max, int expectedFirst, int expectedMax) {
        assertThat(Paging.parse(first, max)).isEqualTo(new Paging(expectedFirst, expectedMax));
    }

    @ParameterizedTest(name = "max={0}")
    @ValueSource(strings = {"0", "-1", "1001", "abc", "1.5", "10e2", "99999999999"})
    @DisplayName("Given max out of 1..1000 or not a whole number, then 400 names max")
    void badMax(String max) {
        assertBadRequest(() -> Paging.parse("0", max), "max");
    }

    @ParameterizedTest(name = "first={0}")
    @ValueSource(strings = {"-1", "x", "0.5", "99999999999"})
    @DisplayName("Given first below zero or not a whole number, then 400 names first")
    void badFirst(String first) {
        assertBadRequest(() -> Paging.parse(first, "10"), "first");
    }
}
