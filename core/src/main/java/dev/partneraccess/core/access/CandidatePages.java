package dev.partneraccess.core.access;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads candidates page by page in key order ({@code key > after}), so that candidates a page handled without acting
 * on them (not due under their own rules) never hide the ones behind them: each page starts after the last key of the
 * one before. Stops at an empty or short page, after {@code maxPages} pages, or once {@code more} says the work is
 * done.
 */
final class CandidatePages {

    private CandidatePages() {
    }

    /** Answers how many pages were read. */
    static <T> int forEach(int pageSize, int maxPages, BooleanSupplier more, Function<String, List<T>> read,
                           Function<T, String> key, Consumer<List<T>> handle) {
        String after = "";
        int pages = 0;
        while (pages < maxPages && more.getAsBoolean()) {
            List<T> page = read.apply(after);
            pages++;
            if (page.isEmpty()) {
                break;
            }
            handle.accept(page);
            if (page.size() < pageSize) {
                break;
            }
            after = key.apply(page.get(page.size() - 1));
        }
        return pages;
    }
}
