package dev.partneraccess.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CandidatePagesTest {

    /** Candidate ids in key order; those starting with "s" are not due (a lenient tier), "d" ones are due. */
    private static List<String> candidates(int notDue, int due) {
        List<String> ids = new ArrayList<>();
        IntStream.range(0, notDue).forEach(i -> ids.add(String.format("a%04d-s", i)));
        IntStream.range(0, due).forEach(i -> ids.add(String.format("b%04d-d", i)));
        return ids;
    }

    private static List<String> page(List<String> all, String after, int size) {
        return all.stream().filter(id -> id.compareTo(after) > 0).limit(size).toList();
    }

    @Test
    @DisplayName("Given more candidates that are not due than a batch holds, then the due ones behind them are still reached")
    void pagesPastCandidatesThatAreNotDue() {
        List<String> all = candidates(250, 3);
        List<String> handled = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();

        int pages = CandidatePages.forEach(100, Integer.MAX_VALUE, () -> done.get() < 100, after -> page(all, after, 100),
                id -> id, page -> page.stream().filter(id -> id.endsWith("-d")).forEach(id -> {
                    handled.add(id);
                    done.incrementAndGet();
                }));

        assertThat(handled).containsExactly("b0000-d", "b0001-d", "b0002-d");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    @DisplayName("Given a batch filled by due candidates, then no further page is read")
    void stopsOnceTheBatchIsFull() {
        List<String> all = candidates(0, 250);
        AtomicInteger done = new AtomicInteger();
        List<String> reads = new ArrayList<>();

        int pages = CandidatePages.forEach(100, Integer.MAX_VALUE, () -> done.get() < 100, after -> {
            reads.add(after);
            return page(all, after, 100);
        }, id -> id, page -> page.forEach(id -> done.incrementAndGet()));

        assertThat(pages).isEqualTo(1);
        assertThat(reads).containsExactly("");
    }

    @Test
    @DisplayName("Given a page bound, then at most that many pages are read, each after the last key of the one before")
    void keepsToThePageBound() {
        List<String> all = candidates(500, 0);
        List<String> reads = new ArrayList<>();

        int pages = CandidatePages.forEach(100, 2, () -> true, after -> {
            reads.add(after);
            return page(all, after, 100);
        }, id -> id, page -> { });

        assertThat(pages).isEqualTo(2);
        assertThat(reads).containsExactly("", "a0099-s");
    }

    @Test
    @DisplayName("Given an empty first page, then the pager stops at once")
    void emptyStops() {
        AtomicInteger handled = new AtomicInteger();
        int pages = CandidatePages.forEach(100, 10, () -> true, after -> List.<String>of(), id -> id, page -> handled.incrementAndGet());
        assertThat(pages).isEqualTo(1);
        assertThat(handled).hasValue(0);
    }
}
