"""Puts the benches' latest tables into docs/performance.md: each replaces the text between
<!-- bench:NAME --> and <!-- /bench:NAME -->. Run from the project root: python3 bench/lib/update-docs.py [NAME...]"""
import datetime
import os
import pathlib
import re
import sys

WORK = pathlib.Path("bench/target")
TABLES = {
    "login-h2": WORK / "login-h2" / "login-results.md",
    "login-postgres": WORK / "login-postgres" / "login-results.md",
    "sweep": WORK / "sweep-results.md",
    "sweep-100k": WORK / "sweep-100k-results.md",
    "evidence": WORK / "evidence-results.md",
    "review": WORK / "review-results.md",
}

doc = pathlib.Path("docs/performance.md")
text = doc.read_text()
for name in sys.argv[1:] or TABLES:
    path = TABLES[name]
    day = datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.timezone.utc).strftime("%Y-%m-%d")
    # A table's own "# title" line becomes a caption, so the page keeps its headings.
    lines = [f"_{l[2:].strip()}._" if l.startswith("# ") else l for l in path.read_text().strip().splitlines()]
    body = f"_Run of {day}, {os.cpu_count()} cores._\n\n" + "\n".join(lines) + "\n"
    pattern = re.compile(r"(<!-- bench:%s -->\n).*?(<!-- /bench:%s -->)" % (re.escape(name), re.escape(name)), re.S)
    if not pattern.search(text):
        sys.exit(f"docs/performance.md has no <!-- bench:{name} --> section")
    text = pattern.sub(lambda m: m.group(1) + body + m.group(2), text)
    print(f"docs/performance.md: {name} from {path}")
doc.write_text(text)
