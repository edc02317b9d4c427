#!/usr/bin/env bash
# Runs schemathesis against a live `runway serve` on 127.0.0.1 with an admin test token:
# every response must match Schemas/openapi.yaml, and none may be a 5xx (docs/api.md).
# Bounded in time: RUNWAY_API_CHECK_SECONDS (default 120) for the whole fuzzing run.
set -euo pipefail
cd "$(dirname "$0")/.."

runway=${RUNWAY_BINARY:-.build/debug/runway}
seconds=${RUNWAY_API_CHECK_SECONDS:-120}
folder=$(mktemp -d /tmp/runway-api-check-XXXXXX)
export RUNWAY_STORE="sqlite:$folder/runway.db" RUNWAY_WORKFLOWS="$PWD/Workflows"
"$runway" directory import examples/directory.yaml >/dev/null
token=$("$runway" tokens create --actor alice --scope admin --expires 1h 2>/dev/null)
# A release to work on, so that instance routes have something to find.
"$runway" start mini-program-release --as alice --set miniProgram=shop --set version=1.0.0 \
  --set targetApp=superpay --set environment=production >/dev/null

"$runway" serve --listen 127.0.0.1:0 --log-level warning >"$folder/serve.out" 2>"$folder/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$folder"' EXIT
for _ in $(seq 100); do
  grep -q "listening on" "$folder/serve.out" 2>/dev/null && break
  sleep 0.1
done
base=$(sed -n 's/^runway is listening on //p' "$folder/serve.out")
[ -n "$base" ] || { echo "api-check: runway serve did not start" >&2; cat "$folder/serve.log" >&2; exit 1; }
echo "api-check: schemathesis against $base for at most ${seconds}s"

timeout --signal=INT $((seconds + 60)) schemathesis run "$base/v1/openapi.yaml" --url "$base" \
  -H "Authorization: Bearer $token" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
  --max-examples "${RUNWAY_API_CHECK_EXAMPLES:-40}" --max-time "$seconds" --request-timeout 10 \
  --phases examples,coverage,fuzzing --seed 14 --suppress-health-check all --warnings off
