#!/usr/bin/env bash
# Measures this tree against an earlier revision in one run, side by side: the criterion
# benchmarks of both (benches/core.rs, at 2,000 and 10,000 items) and, as whole processes
# with hyperfine, `list --all --json` of both beside taskwarrior's `task export` of the
# same number of tasks. Usage: benches/compare.sh [REV] (default: the first parent of the
# "One house" work, c397136). Needs hyperfine and taskwarrior (`apt-get install hyperfine
# taskwarrior`); writes its report to target/compare/report.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:-c397136}"
work="$PWD/target/compare"
old="$work/old"
mkdir -p "$work"
if [ ! -d "$old" ]; then
  git worktree add --detach "$old" "$rev" >/dev/null
fi
# The old tree's benches speak the old module paths; give it this tree's benches, translated.
sed -e 's/syncwise::core::budget/syncwise::budget/; s/syncwise::core::clock::Clock/syncwise::clock::Clock/' \
    -e 's/syncwise::core::demo/syncwise::demo/; s/syncwise::core::report/syncwise::report/' \
    -e 's/syncwise::core::Plan/syncwise::model::Plan/; s/syncwise::env::pinned_clock(/Clock::pinned(/' \
    -e 's/use syncwise::tui::{App, Event, render};/use syncwise::tui::{Action, App, render};/' \
    -e 's/app.handle(Event::Resize {/app.update(Action::Resize {/' \
    benches/core.rs > "$old/benches/core.rs"

cargo build --release --quiet
(cd "$old" && cargo build --release --quiet)
new_bin="$PWD/target/release/syncwise"
old_bin="$old/target/release/syncwise"

export SYNCWISE_TODAY=2026-11-25 TZ=UTC
report="$work/report.md"
: > "$report"
for n in 2000 10000; do
  for side in new old; do
    dir="$work/store-$side-$n"
    rm -rf "$dir"
    bin=$([ $side = new ] && echo "$new_bin" || echo "$old_bin")
    "$bin" --dir "$dir" demo --items "$n" >/dev/null
  done
  tasks="$work/task-$n"
  rm -rf "$tasks" && mkdir -p "$tasks"
  python3 - "$n" > "$tasks/import.json" <<'PY'
import json, sys, uuid
n = int(sys.argv[1])
print(json.dumps([{"uuid": str(uuid.UUID(int=i + 1)), "description": f"Task {i} about the platform roadmap",
                   "status": "pending", "entry": "20261125T080000Z", "project": "work",
                   "tags": ["sync"] if i % 3 else ["async"]} for i in range(n)]))
PY
  task rc.data.location="$tasks" rc.confirmation=off rc.hooks=off import "$tasks/import.json" >/dev/null 2>&1
  hyperfine -N --warmup 3 --runs 30 --export-markdown "$work/list-$n.md" \
    -n "syncwise list --all --json ($n items)" "$new_bin --dir $work/store-new-$n --json list --all" \
    -n "previous main ($n items)" "$old_bin --dir $work/store-old-$n --json list --all" \
    -n "task export ($n tasks)" "task rc.data.location=$tasks rc.hooks=off rc.gc=off export" \
    >/dev/null
  cat "$work/list-$n.md" >> "$report"
  echo >> "$report"
done

# Criterion, both trees, interleaved: each benchmark runs in this tree, then in the other,
# for three rounds, and the lowest mean of each side is kept. A shared machine's speed
# drifts over minutes; run one tree after the other and the drift lands on one side.
bench_bin() { # the core bench executable of the tree in $1
  (cd "$1" && cargo bench --bench core --no-run --message-format=json 2>/dev/null) |
    python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "core" and m.get("executable"):
        print(m["executable"])'
}
new_bench=$(bench_bin "$PWD")
old_bench=$(bench_bin "$old")
python3 - "$new_bench" "$old_bench" "$work" >> "$report" <<'PY'
import re, subprocess, sys
new, old, work = sys.argv[1:4]
def names(binary):
    out = subprocess.run([binary, "--bench", "--list"], capture_output=True, text=True, check=True).stdout
    return [line[: -len(": benchmark")] for line in out.splitlines() if line.endswith(": benchmark")]
def mean_ms(binary, name):
    out = subprocess.run([binary, "--bench", "--exact", name, "--noplot", "--warm-up-time", "1",
                          "--measurement-time", "2"], capture_output=True, text=True, cwd=work).stdout
    found = re.search(r"time:\s+\[\S+ \S+ (\S+) (\S+) \S+ \S+\]", out)
    value, unit = float(found.group(1)), found.group(2)
    return value * {"ns": 1e-6, "µs": 1e-3, "us": 1e-3, "ms": 1.0, "s": 1e3}[unit]
common = [n for n in names(new) if n in set(names(old))]
best = {n: [float("inf"), float("inf")] for n in common}
for _ in range(3):
    for n in common:
        for side, binary in enumerate((new, old)):
            best[n][side] = min(best[n][side], mean_ms(binary, n))
print("| benchmark | this tree (ms) | previous main (ms) | change |")
print("|---|---|---|---|")
for n in sorted(common):
    a, b = best[n]
    print(f"| {n} | {a:.3f} | {b:.3f} | {100 * (a - b) / b:+.0f} % |")
PY
cat "$report"
