package dev.partneraccess.bench.login;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Login latencies pooled over several runs. One round's open phase has a few hundred logins per realm, so its p99 is
 * one of its few slowest logins and swings by tens of milliseconds from round to round; the logins of all rounds
 * together give a p99 that rests on dozens of logins. The interval around a difference of two pooled p99s comes from
 * resampling each side's logins (a percentile bootstrap), so a reader can see whether a difference is larger than
 * what the samples can tell apart.
 */
final class LoginHistograms {

    private static final int RESAMPLES = 2000;

    private LoginHistograms() {
    }

    /** A histogram as compressed bytes in Base64, HdrHistogram's own interchange form. */
    static String encode(Histogram histogram) {
        Histogram copy = histogram.copy();
        ByteBuffer buffer = ByteBuffer.allocate(copy.getNeededByteBufferCapacity());
        int length = copy.encodeIntoCompressedByteBuffer(buffer, Deflater.BEST_COMPRESSION);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    static Histogram decode(String encoded) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not an encoded histogram", e);
        }
    }

    /** The open phase's histogram of {@code what} ("login" or "refresh") of each run, added together. */
    static Histogram pooled(List<JsonNode> runs, String what) {
        Histogram pooled = new Histogram(3);
        for (JsonNode run : runs) {
            JsonNode histograms = run.get("latency").get("histograms");
            if (histograms == null) {
                throw new IllegalArgumentException("a run without histograms (written by an older bench)");
            }
            pooled.add(decode(histograms.get(what).asText()));
        }
        return pooled;
    }

    static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e6;
    }

    /** The 5th and 95th percentile of p(ours) − p(theirs) over resamples of both sides' logins, in milliseconds. */
    static double[] differenceInterval(Histogram ours, Histogram theirs, double percentile, long seed) {
        long[] a = values(ours);
        long[] b = values(theirs);
        if (a.length == 0 || b.length == 0) {
            return new double[] {0, 0};
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] differences = new double[RESAMPLES];
        long[] sampleA = new long[a.length];
        long[] sampleB = new long[b.length];
        for (int i = 0; i < RESAMPLES; i++) {
            differences[i] = (percentile(resample(a, sampleA, random), percentile)
                    - percentile(resample(b, sampleB, random), percentile)) / 1e6;
        }
        Arrays.sort(differences);
        return new double[] {differences[(int) (0.05 * RESAMPLES)], differences[(int) (0.95 * RESAMPLES) - 1]};
    }

    private static long[] values(Histogram histogram) {
        long[] values = new long[(int) histogram.getTotalCount()];
        int i = 0;
        for (HistogramIterationValue value : histogram.recordedValues()) {
            long v = histogram.highestEquivalentValue(value.getValueIteratedTo());
            for (long c = 0; c < value.getCountAtValueIteratedTo(); c++) {
                values[i++] = v;
            }
        }
        return values;
    }

    private static long[] resample(long[] from, long[] into, SplittableRandom random) {
        for (int i = 0; i < into.length; i++) {
            into[i] = from[random.nextInt(from.length)];
        }
        Arrays.sort(into);
        return into;
    }

    /** The nearest-rank percentile of sorted values, the way HdrHistogram reports it. */
    private static long percentile(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
