#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/, docs/fuzzing.md) and runs each for a bounded time.
#   RUNWAY_FUZZ_SECONDS  seconds per target (default 60)
#   RUNWAY_FUZZ_TARGETS  which targets (default: yaml expression template param json)
# A finding is written to .build-fuzz/findings/TARGET-*; keep it under Fuzz/regressions/TARGET
# once fixed. Exits 1 when any target found something.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${RUNWAY_FUZZ_SECONDS:-60}
targets=${RUNWAY_FUZZ_TARGETS:-yaml expression template param json}
scratch=.build-fuzz

# A build of its own: every Swift and C module instrumented for coverage, libFuzzer's main
# linked instead of the replayer's.
swift build --scratch-path "$scratch" --sanitize fuzzer -Xswiftc -DRUNWAY_FUZZ --product runway-fuzz
binary="$scratch/debug/runway-fuzz"

seeds_for() {
  case "$1" in
    yaml) echo Tests/RunwayYAMLTests/Fixtures/valid Tests/RunwayYAMLTests/Fixtures/invalid Workflows examples \
      Fuzz/regressions/yaml ;;
    *) echo "Fuzz/corpus/$1 Fuzz/regressions/$1" ;;
  esac
}

# Mustache's parser costs length times tags (docs/workflow-format.md, "Limits"): shorter
# templates give the template target many more runs a minute.
max_len_for() {
  case "$1" in
    template) echo 4096 ;;
    *) echo 65536 ;;
  esac
}

mkdir -p "$scratch/findings"
# Swift's own crash reporter would take the trap first, and libFuzzer would then never write
# the input that crashed.
export SWIFT_BACKTRACE=enable=no
failed=()
for target in $targets; do
  corpus=$(mktemp -d)
  echo "fuzz: $target for ${seconds}s"
  # shellcheck disable=SC2046 # the seed folders are words
  if ! RUNWAY_FUZZ_TARGET=$target "$binary" "$corpus" $(seeds_for "$target") \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len_for "$target")" -print_final_stats=1 \
    -artifact_prefix="$scratch/findings/$target-" >"$scratch/$target.log" 2>&1; then
    failed+=("$target")
    tail -40 "$scratch/$target.log" >&2
  fi
  grep -E '^stat::number_of_executed_units|^Done' "$scratch/$target.log" | sed "s/^/fuzz: $target: /" || true
  rm -rf "$corpus"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]}; see $scratch/findings" >&2
  exit 1
fi
echo "fuzz: no findings"
