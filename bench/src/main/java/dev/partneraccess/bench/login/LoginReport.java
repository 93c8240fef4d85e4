package dev.partneraccess.bench.login;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

import dev.partneraccess.bench.AdminClient;

/**
 * Turns one login-bench run (the per-round JSON files of {@link LoginSimulation} and the heap probes) into a Markdown
 * table with the ratio ours/stock per round, and a PNG plot of throughput and p99 latency per round.
 */
public final class LoginReport {

    /** One round: stock first or partner-access first, both measured with the same settings. */
    record Round(int number, String first, JsonNode stock, JsonNode ours) {
        double ratio() {
            return ours.get("throughput").asDouble() / stock.get("throughput").asDouble();
        }

        double p99Delta() {
            return p(ours, "login", "p99") - p(stock, "login", "p99");
        }
    }

    private LoginReport() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        Path dir = Path.of(options.get("dir"));
        String db = options.get("db");
        int rounds = Integer.parseInt(options.get("rounds"));
        List<Round> results = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            results.add(new Round(i, i % 2 == 0 ? "partner-access" : "stock", read(dir.resolve("round-" + i + "-stock.json")),
                    read(dir.resolve("round-" + i + "-partner-access.json"))));
        }
        long stockHeap = Long.parseLong(Files.readString(dir.resolve("heap-stock.txt")).trim());
        long oursHeap = Long.parseLong(Files.readString(dir.resolve("heap-partner-access.txt")).trim());
        String jvmOptions = options.getOrDefault("jvm-opts", "none");
        String markdown = (jvmOptions.equals("none") ? "" : "JVM options on both servers: `" + jvmOptions + "`.\n\n")
                + markdown(results, db, options.get("users"), stockHeap, oursHeap) + sameJvm(dir, results);
        Files.writeString(dir.resolve("login-results.md"), markdown);
        LoginPlot.write(results, db, dir.resolve("login-" + db + ".png"));
        System.out.print(markdown);
    }

    private static JsonNode read(Path file) throws IOException {
        return AdminClient.JSON.readTree(file.toFile());
    }

    static double p(JsonNode run, String what, String percentile) {
        return run.get("latency").get(what).get(percentile).asDouble();
    }

    private static String markdown(List<Round> rounds, String db, String users, long stockHeap, long oursHeap) {
        JsonNode first = rounds.get(0).stock();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Database: %s. %s users, %d concurrent users for %d s (capacity), then %.1f new logins/s"
                        + " for %d s (latency). Each login: login page, form post, code exchange; then one refresh.%n%n",
                db.equals("h2") ? "H2 (dev-file)" : "PostgreSQL", users, first.get("concurrency").asInt(), first.get("seconds").asInt(),
                first.get("rate").asDouble(), latencySeconds(first)));
        md.append("| round | first | logins/s stock | logins/s ours | ratio ours/stock | login p50 / p95 / p99 stock (ms) "
                + "| login p50 / p95 / p99 ours (ms) | p99 ours − stock | refresh p99 stock / ours (ms) | failed |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Round round : rounds) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | **%.3f** | %s | %s | **%+.1f ms** | %.1f / %.1f | %d |%n",
                    round.number(), round.first(), round.stock().get("throughput").asDouble(), round.ours().get("throughput").asDouble(),
                    round.ratio(), latencies(round.stock()), latencies(round.ours()), round.p99Delta(),
                    p(round.stock(), "refresh", "p99"), p(round.ours(), "refresh", "p99"), failed(round.stock()) + failed(round.ours())));
        }
        double ratio = median(rounds.stream().map(Round::ratio).toList());
        double delta = median(rounds.stream().map(Round::p99Delta).toList());
        md.append(String.format(Locale.ROOT, "%nMedian over the rounds: throughput ratio **%.3f** (target ≥ 0.97: %s), "
                        + "login p99 ours − stock %+.1f ms.%n",
                ratio, ratio >= 0.97 ? "met" : "missed", delta));
        md.append(pooled("stock", rounds.stream().map(Round::stock).toList(), "ours", rounds.stream().map(Round::ours).toList()));
        double extra = (oursHeap - stockHeap) / 1048576.0;
        md.append(String.format(Locale.ROOT, "Heap in use after the runs and a full GC: stock %.0f MiB, ours %.0f MiB, "
                        + "difference **%+.0f MiB** (target < 50 MiB: %s).%n",
                stockHeap / 1048576.0, oursHeap / 1048576.0, extra, extra < 50 ? "met" : "missed"));
        return md.toString();
    }

    /**
     * The partner realm against the plain realm of the Partner Access server, driven at the same time with half the
     * users each, when the run has it: one JVM at one moment, so the ratio shows the extension's cost without the
     * JVM-to-JVM differences of the side-by-side runs.
     */
    private static String sameJvm(Path dir, List<Round> rounds) throws IOException {
        List<Double> ratios = new ArrayList<>();
        List<Double> deltas = new ArrayList<>();
        List<JsonNode> partners = new ArrayList<>();
        List<JsonNode> plains = new ArrayList<>();
        StringBuilder md = new StringBuilder();
        for (Round round : rounds) {
            Path partnerFile = dir.resolve("round-" + round.number() + "-both-partner.json");
            Path plainFile = dir.resolve("round-" + round.number() + "-both-plain.json");
            if (!Files.exists(partnerFile) || !Files.exists(plainFile)) {
                return "";
            }
            JsonNode partner = read(partnerFile);
            JsonNode plain = read(plainFile);
            partners.add(partner);
            plains.add(plain);
            double ratio = partner.get("throughput").asDouble() / plain.get("throughput").asDouble();
            double delta = p(partner, "login", "p99") - p(plain, "login", "p99");
            ratios.add(ratio);
            deltas.add(delta);
            md.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | **%.3f** | %s | %s | **%+.1f ms** | %.0f / %.0f ms | %d |%n",
                    round.number(), plain.get("throughput").asDouble(), partner.get("throughput").asDouble(), ratio,
                    latencies(plain), latencies(partner), delta,
                    plain.get("latency").get("formPost").get("p50").asDouble(),
                    partner.get("latency").get("formPost").get("p50").asDouble(), failed(plain) + failed(partner)));
        }
        JsonNode first = read(dir.resolve("round-1-both-partner.json"));
        return String.format(Locale.ROOT, "%nSame JVM, both realms at once: the Partner Access server's plain realm (the stock"
                        + " side's twin: no gate, required actions, mapper, listener or grants) and its partner realm, driven"
                        + " together with %d concurrent users each for %d s, then %.1f new logins/s each for %d s.%n%n",
                first.get("concurrency").asInt(), first.get("seconds").asInt(), first.get("rate").asDouble(),
                latencySeconds(first))
                + "| round | logins/s plain | logins/s partner | ratio partner/plain | login p50 / p95 / p99 plain (ms) "
                + "| login p50 / p95 / p99 partner (ms) | p99 partner − plain | form post p50 plain / partner | failed |\n"
                + "|---|---|---|---|---|---|---|---|---|\n" + md
                + String.format(Locale.ROOT, "%nMedian over the rounds, same JVM: throughput ratio **%.3f** (target ≥ 0.97: %s),"
                        + " login p99 partner − plain %+.1f ms.%n", median(ratios),
                        median(ratios) >= 0.97 ? "met" : "missed", median(deltas))
                + pooled("plain", plains, "partner", partners);
    }

    /**
     * The open-phase logins of all rounds of each side together: their percentiles, and the p99 difference with its
     * 90 % bootstrap interval. The p99 target is judged here: a single round's p99 rests on its few slowest logins.
     */
    private static String pooled(String theirName, List<JsonNode> theirs, String ourName, List<JsonNode> ours) {
        Histogram their = LoginHistograms.pooled(theirs, "login");
        Histogram our = LoginHistograms.pooled(ours, "login");
        Histogram theirRefresh = LoginHistograms.pooled(theirs, "refresh");
        Histogram ourRefresh = LoginHistograms.pooled(ours, "refresh");
        double delta = LoginHistograms.millis(our, 99) - LoginHistograms.millis(their, 99);
        double[] interval = LoginHistograms.differenceInterval(our, their, 99, 7);
        return String.format(Locale.ROOT, "All rounds' open-phase logins pooled (%d %s, %d %s): login p50 / p95 / p99 %s %s ms,"
                        + " %s %s ms; refresh p99 %s %.1f ms, %s %.1f ms. Login p99 %s − %s **%+.1f ms** (90 %% bootstrap interval"
                        + " %+.1f to %+.1f ms; target ≤ 5 ms: %s).%n",
                their.getTotalCount(), theirName, our.getTotalCount(), ourName, theirName, percentiles(their), ourName,
                percentiles(our), theirName, LoginHistograms.millis(theirRefresh, 99), ourName,
                LoginHistograms.millis(ourRefresh, 99), ourName, theirName, delta, interval[0], interval[1],
                delta <= 5 ? "met" : "missed");
    }

    private static String percentiles(Histogram histogram) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", LoginHistograms.millis(histogram, 50),
                LoginHistograms.millis(histogram, 95), LoginHistograms.millis(histogram, 99));
    }

    private static int latencySeconds(JsonNode run) {
        JsonNode latency = run.get("latencySeconds");
        return latency == null ? run.get("seconds").asInt() : latency.asInt();
    }

    private static String latencies(JsonNode run) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", p(run, "login", "p50"), p(run, "login", "p95"), p(run, "login", "p99"));
    }

    private static long failed(JsonNode run) {
        return run.get("capacity").get("failed").asLong() + run.get("latency").get("failed").asLong();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
