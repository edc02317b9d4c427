#!/usr/bin/env bash
# Counts the instructions a workload of runway-bench spends, per call of the functions that
# make up a transition, under valgrind's callgrind: a count that does not move with a shared
# host's noise, for comparing two builds (docs/benchmarks.md, "Instructions, not seconds").
#   swift build -c release && scripts/instructions.sh W1        # or W4, W5
#   scripts/instructions.sh W4 /tmp/runway-bench-before          # another build of runway-bench
#   scripts/instructions.sh fire                                  # one whole W4 fire, by function
# Needs valgrind (apt-get install valgrind). Runs the workload's --quick size; kernel time
# (locks, writes, fsync) is not counted, only user-space instructions. The first match of a
# name is the costliest of its variants (callgrind_annotate sorts by cost).
set -euo pipefail
workload=${1:-}
binary=${2:-.build/release/runway-bench}
case "$workload" in
  W1 | W4 | W5 | fire) ;;
  *)
    echo "usage: scripts/instructions.sh W1|W4|W5|fire [RUNWAY_BENCH]" >&2
    exit 2
    ;;
esac
command -v valgrind > /dev/null || {
  echo "valgrind is not installed (apt-get install valgrind)" >&2
  exit 1
}
[ -x "$binary" ] || {
  echo "no runway-bench at $binary: build it with swift build -c release" >&2
  exit 1
}
# Swift seeds its string hashing at random per process, which moves a dictionary lookup's
# probes and so the counts by a few hundred; a fixed seed makes two runs of one build agree.
export SWIFT_DETERMINISTIC_HASHING=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Valgrind cannot read the DWARF 5 the Swift compiler writes; the symbol table is enough.
strip --strip-debug -o "$work/runway-bench" "$binary"
# W5 also runs `runway` (the batch), which it looks for beside itself; it is not counted.
runway_binary="$(dirname "$binary")/runway"
[ -x "$runway_binary" ] && ln -s "$(cd "$(dirname "$runway_binary")" && pwd)/runway" "$work/runway"
if [ "$workload" = fire ]; then
  # A whole fire of W4 (`engine.fire` of update-testers on SQLite): the program run with no
  # fires and with 1,000 (RUNWAY_BENCH_W4_FIRES), each function's own instructions compared.
  for fires in 0 1000; do
    RUNWAY_BENCH_W4_FIRES=$fires valgrind --tool=callgrind --callgrind-out-file="$work/fires-$fires.out" \
      "$work/runway-bench" --only W4 --quick --output "$work/rows.json" > "$work/valgrind.log" 2>&1 || {
      tail -20 "$work/valgrind.log" >&2
      exit 1
    }
    callgrind_annotate --threshold=100 "$work/fires-$fires.out" > "$work/fires-$fires.txt"
  done
  python3 - "$work/fires-0.txt" "$work/fires-1000.txt" << 'EOF'
import re, sys

def costs(path):
    table, total = {}, 0
    for line in open(path, encoding="utf-8", errors="replace"):
        found = re.match(r"\s*([\d,]+) \([^)]*\)\s+(\S.*)$", line)
        if not found:
            continue
        cost = int(found.group(1).replace(",", ""))
        name = found.group(2)
        if "PROGRAM TOTALS" in name:
            total = cost
        else:
            name = re.sub(r" \[[^]]*\]$", "", name)
            table[name] = table.get(name, 0) + cost
    return table, total

before, before_total = costs(sys.argv[1])
after, after_total = costs(sys.argv[2])
print(f"one W4 fire under callgrind: {(after_total - before_total) / 1000:,.0f} instructions")
print("its own instructions by function, the 40 costliest:")
rows = sorted(((after.get(n, 0) - before.get(n, 0)) / 1000, n) for n in set(after) | set(before))
for cost, name in reversed(rows[-40:]):
    print(f"  {cost:>8,.0f}  {name[:150]}")
EOF
  exit 0
fi
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$work/runway-bench" --only "$workload" --quick --output "$work/rows.json" > "$work/valgrind.log" 2>&1 || {
  tail -20 "$work/valgrind.log" >&2
  exit 1
}
callgrind_annotate --inclusive=yes --tree=caller "$work/callgrind.out" > "$work/callers.txt"
python3 - "$workload" "$work/callers.txt" << 'EOF'
import re, sys

workload, path = sys.argv[1], sys.argv[2]
# What each row measures, by a piece of its mangled name; async functions are left out:
# callgrind's inclusive cost of a coroutine counts the whole program.
rows = {
    "W1": [
        ("decision of a fire (Engine.decide)", "$s12RunwayEngine0B0V6decide___7actorID"),
        ("  which transition, roles (transition)", "$s12RunwayEngine0B0V10transition33_"),
        ("  params typed and checked", "$s12RunwayEngine0B0V15validatedParams33_"),
        ("  invariants", "$s12RunwayEngine0B0V15checkInvariants_"),
        ("  notifications of a notifying fire", "$s12RunwayEngine20NotificationRendererV7entries"),
        ("    webhook payload", "$s12RunwayEngine20NotificationRendererV7payload"),
        ("    one template rendered", "$s11RunwayModel16CompiledTemplateV6renderySS"),
        ("memory store: commit applied", "$s12RunwayEngine11MemoryStateV5apply"),
        ("memory store: snapshot assembled", "$s12RunwayEngine13StoreSnapshotV8assemble"),
        ("build-package task", "$s12RunwayEngine17BuiltInTaskRunnerV12buildPackage"),
    ],
    "W4": [
        ("Runway: one transition's transaction", "$s12RunwaySQLite0B13InstanceStoreC8writeNow33_"),
        ("  decision and its writes", "$s12RunwaySQLite0B13InstanceStoreC18decideOnRemembered"),
        ("    engine's decision (Engine.decide)", "$s12RunwayEngine0B0V6decide___7actorID"),
        ("    history row bound and inserted", "$s12RunwaySQLite0B13InstanceStoreC6appendyy"),
        ("    fields' JSON", "$s11RunwayModel14JSONObjectTextV9replacing"),
        ("  one SQLite statement run (BoundStatement.run)", "$s12RunwaySQLite14BoundStatementV3runyyKF"),
        # The C functions run a round of 500 / 6 transactions a call (PersistedThroughput).
        ("C floor: one one-row insert transaction", "runway_sqlite_floor_inserts", 83),
        ("C shape: the transition's statements, one b-tree", "runway_sqlite_floor_one_tree_transitions", 83),
    ],
    "W5": [
        ("one user resolved in process (RolloutResolver.resolve)", "$s12RunwayEngine15RolloutResolverV7resolve6userIDAA0C8DecisionVSS_tF "),
    ],
}[workload]

lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
def number(text):
    return int(text.replace(",", ""))

def measure(piece):
    # The function's own line carries its inclusive cost after "*"; the lines above it, with
    # "<", are its callers, each with its call count.
    for index, line in enumerate(lines):
        if "*  " in line and piece in line and "'2" not in line:
            cost = number(line.split("(")[0].split("*")[0].strip())
            calls = 0
            back = index - 1
            while back >= 0 and "<" in lines[back]:
                found = re.search(r"\(([\d,]+)x\)", lines[back])
                if found:
                    calls += number(found.group(1))
                back -= 1
            return cost, calls
    return None

print(f"{workload} (--quick) under callgrind: instructions per call, inclusive")
for label, piece, *per in rows:
    found = measure(piece)
    if found is None or found[1] == 0:
        print(f"  {label:<62} (not called)")
        continue
    cost, calls = found
    units = calls * (per[0] if per else 1)
    print(f"  {label:<62} {cost // units:>12,}  × {units:,}")
EOF
