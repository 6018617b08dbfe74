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
  hyperfine --warmup 3 --runs 30 --export-markdown "$work/list-$n.md" \
    -n "syncwise list --all --json ($n items)" "$new_bin --dir $work/store-new-$n --json list --all" \
    -n "previous main ($n items)" "$old_bin --dir $work/store-old-$n --json list --all" \
    -n "task export ($n tasks)" "task rc.data.location=$tasks rc.hooks=off rc.gc=off export" \
    >/dev/null
  cat "$work/list-$n.md" >> "$report"
  echo >> "$report"
done

# Criterion, both trees, one after the other in this run (quick settings: the two trees
# are measured alike).
quick="--warm-up-time 1 --measurement-time 3"
cargo bench --quiet --bench core -- --noplot $quick >"$work/bench-new.txt" 2>&1
(cd "$old" && cargo bench --quiet --bench core -- --noplot $quick) >"$work/bench-old.txt" 2>&1
python3 - "$PWD/target/criterion" "$old/target/criterion" >> "$report" <<'PY'
import json, os, sys
new, old = sys.argv[1], sys.argv[2]
def means(root):
    out = {}
    for dirpath, _, files in os.walk(root):
        if dirpath.endswith(os.sep + "new") and "estimates.json" in files and "benchmark.json" in files:
            bench = json.load(open(os.path.join(dirpath, "benchmark.json")))
            est = json.load(open(os.path.join(dirpath, "estimates.json")))
            out[bench["full_id"]] = est["mean"]["point_estimate"] / 1e6
    return out
a, b = means(new), means(old)
print("| benchmark | this tree (ms) | previous main (ms) | change |")
print("|---|---|---|---|")
for name in sorted(a):
    if name in b:
        print(f"| {name} | {a[name]:.2f} | {b[name]:.2f} | {100 * (a[name] - b[name]) / b[name]:+.0f} % |")
PY
cat "$report"
