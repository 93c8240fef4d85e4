#!/usr/bin/env bash
# Every bench at full size, one after the other on this machine, then their tables into docs/performance.md (between
# the "bench:<name>" markers) and the login plots into docs/. About 45 minutes on 2 cores.
#
#   bench/run-all.sh [--quick]      # --quick: smaller sizes (login 2 rounds of 20 s, 200,000 grants, 100,000 records)
set -euo pipefail
cd "$(dirname "$0")/.."
LOGIN=(--rounds 3 --seconds 30 --users 100)
SWEEP=(--total 1000000 --due 100000 --requests 100000)
EVIDENCE=(--sizes 100000,1000000 --appends 2000 --writers 4)
if [[ "${1:-}" == --quick ]]; then
  LOGIN=(--rounds 2 --seconds 20 --users 50)
  SWEEP=(--total 200000 --due 20000 --requests 20000)
  EVIDENCE=(--sizes 100000 --appends 2000 --writers 4)
fi
WORK=bench/target
mvn -B -q -ntp -Pbench -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -pl dist,bench -am
export BENCH_BUILT=1

for db in h2 postgres; do
  echo "== login, $db"
  bench/login-bench.sh --db "$db" "${LOGIN[@]}"
  cp "$WORK/login-$db/login-$db.png" "docs/performance-login-$db.png"
done
echo "== expiry sweep"
bench/sweep-bench.sh "${SWEEP[@]}"
echo "== evidence ledger"
bench/evidence-bench.sh "${EVIDENCE[@]}"

# Each table replaces the text between <!-- bench:NAME --> and <!-- /bench:NAME --> in docs/performance.md.
python3 - "$WORK" "$(date -u +%Y-%m-%d)" "$(nproc)" <<'PY'
import pathlib, re, sys
work, day, cores = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
doc = pathlib.Path("docs/performance.md")
text = doc.read_text()
tables = {
    "login-h2": work / "login-h2" / "login-results.md",
    "login-postgres": work / "login-postgres" / "login-results.md",
    "sweep": work / "sweep-results.md",
    "evidence": work / "evidence-results.md",
}
for name, path in tables.items():
    lines = [f"_{l[2:].strip()}._" if l.startswith("# ") else l for l in path.read_text().strip().splitlines()]
    body = f"_Run of {day} by `bench/run-all.sh`, {cores} cores._\n\n" + "\n".join(lines) + "\n"
    pattern = re.compile(r"(<!-- bench:%s -->\n).*?(<!-- /bench:%s -->)" % (re.escape(name), re.escape(name)), re.S)
    if not pattern.search(text):
        sys.exit(f"docs/performance.md has no <!-- bench:{name} --> section")
    text = pattern.sub(lambda m: m.group(1) + body + m.group(2), text)
doc.write_text(text)
print("docs/performance.md updated")
PY
