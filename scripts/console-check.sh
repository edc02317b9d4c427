#!/usr/bin/env bash
# The release console in a real browser (docs/console.md): a `runway serve` on 127.0.0.1 over a
# temporary SQLite store, tokens for alice, wendy, bob and walt, then Tests/Browser/console_test.py
# drives headless Chromium through chromium-driver (selenium). Screenshots of every page go to
# RUNWAY_CONSOLE_ARTIFACTS (default .ci/artifacts/console). Bounded: RUNWAY_CONSOLE_SECONDS
# (default 300) for the browser run.
set -euo pipefail
cd "$(dirname "$0")/.."

runway=${RUNWAY_BINARY:-.build/debug/runway}
seconds=${RUNWAY_CONSOLE_SECONDS:-300}
artifacts=${RUNWAY_CONSOLE_ARTIFACTS:-$PWD/.ci/artifacts/console}
folder=$(mktemp -d /tmp/runway-console-check-XXXXXX)
mkdir -p "$artifacts"
export RUNWAY_STORE="sqlite:$folder/runway.db" RUNWAY_WORKFLOWS="$PWD/Workflows"
"$runway" directory import examples/directory.yaml >/dev/null
"$runway" settings set pilotTestingRequired=true --scope superpay >/dev/null
export CONSOLE_ALICE=$("$runway" tokens create --actor alice --expires 1h 2>/dev/null)
export CONSOLE_WENDY=$("$runway" tokens create --actor wendy --expires 1h 2>/dev/null)
export CONSOLE_BOB=$("$runway" tokens create --actor bob --expires 1h 2>/dev/null)
export CONSOLE_WALT=$("$runway" tokens create --actor walt --expires 1h 2>/dev/null)
export CONSOLE_RESOLVER=$("$runway" tokens create --actor wendy --scope resolve --expires 1h 2>/dev/null)

"$runway" serve --listen 127.0.0.1:0 --log-level warning >"$folder/serve.out" 2>"$folder/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$folder"' EXIT
for _ in $(seq 100); do
  grep -q "listening on" "$folder/serve.out" 2>/dev/null && break
  sleep 0.1
done
base=$(sed -n 's/^runway is listening on //p' "$folder/serve.out")
[ -n "$base" ] || { echo "console-check: runway serve did not start" >&2; cat "$folder/serve.log" >&2; exit 1; }
echo "console-check: headless Chromium against $base for at most ${seconds}s; screenshots in $artifacts"

CONSOLE_BASE=$base CONSOLE_ARTIFACTS=$artifacts CONSOLE_RUNWAY=$runway CONSOLE_REPO=$PWD \
  timeout --signal=TERM "$seconds" python3 Tests/Browser/console_test.py -v
