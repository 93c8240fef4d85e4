package dev.partneraccess.core.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContentReleaseCacheTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ContentReleaseCache cache = new ContentReleaseCache(clock::get);
    private final AtomicInteger reads = new AtomicInteger();

    private static ContentPackage pkg(String status) {
        return new ContentPackage("c1", "Price list", "pricing", "brand-library", null, "owner", "gold", List.of("EMEA"),
                30, null, status, "r1", "q1", 1L, 2L, 0L, "admin", null, null);
    }

    private Supplier<Optional<ContentPackage>> row(String status) {
        return () -> {
            reads.incrementAndGet();
            return Optional.of(pkg(status));
        };
    }

    @Test
    @DisplayName("Given a resource whose stamp is unchanged, then the package is read from the database once")
    void unchangedStampReadsOnce() {
        cache.get("realm", "r1", "s1", row("RELEASED"));
        Optional<ContentPackage> second = cache.get("realm", "r1", "s1", row("RELEASED"));

        assertThat(second).map(ContentPackage::status).contains("RELEASED");
        assertThat(reads).hasValue(1);
    }

    @Test
    @DisplayName("Given a withdrawal gave the resource a new stamp, then the next decision reads the withdrawn row")
    void newStampReadsAgain() {
        cache.get("realm", "r1", "s1", row("RELEASED"));

        Optional<ContentPackage> after = cache.get("realm", "r1", "s2", row("WITHDRAWN"));

        assertThat(after).map(ContentPackage::status).contains("WITHDRAWN");
        assertThat(cache.get("realm", "r1", "s2", row("RELEASED"))).map(ContentPackage::status).contains("WITHDRAWN");
        assertThat(reads).hasValue(2);
    }

    @Test
    @DisplayName("Given the old stamp written back after a change, then the row read under the new stamp is not served as the old one")
    void oldStampWrittenBackReadsAgain() {
        cache.get("realm", "r1", "s1", row("RELEASED"));
        cache.get("realm", "r1", "s2", row("WITHDRAWN"));

        Optional<ContentPackage> replayed = cache.get("realm", "r1", "s1", row("WITHDRAWN"));

        assertThat(replayed).map(ContentPackage::status).contains("WITHDRAWN");
        assertThat(reads).hasValue(3);
    }

    @Test
    @DisplayName("Given a resource without a stamp, then every decision reads the database and nothing is kept")
    void noStampNeverKept() {
        cache.get("realm", "r1", null, row("RELEASED"));
        cache.get("realm", "r1", null, row("RELEASED"));

        assertThat(reads).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    @DisplayName("Given a kept package older than the age bound, then it is read again")
    void oldEntryReadAgain() {
        cache.get("realm", "r1", "s1", row("RELEASED"));
        clock.addAndGet(ContentReleaseCache.MAX_AGE_MILLIS);

        cache.get("realm", "r1", "s1", row("RELEASED"));

        assertThat(reads).hasValue(2);
    }

    @Test
    @DisplayName("Given a resource with no package behind it, then nothing is kept and the answer is empty")
    void missingPackageNotKept() {
        Optional<ContentPackage> none = cache.get("realm", "r1", "s1", () -> {
            reads.incrementAndGet();
            return Optional.empty();
        });

        assertThat(none).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    @DisplayName("Given another realm asks with the same resource id and stamp, then it does not get this realm's package")
    void otherRealmReadsItsOwn() {
        cache.get("realm", "r1", "s1", row("RELEASED"));

        Optional<ContentPackage> other = cache.get("other", "r1", "s1", () -> Optional.empty());

        assertThat(other).isEmpty();
    }

    @Test
    @DisplayName("Given a realm is removed, then what the node kept for it is gone")
    void forgetRealm() {
        cache.get("realm", "r1", "s1", row("RELEASED"));
        cache.get("other", "r2", "s1", row("RELEASED"));

        cache.forget("realm");

        assertThat(cache.size()).isEqualTo(1);
    }
}
