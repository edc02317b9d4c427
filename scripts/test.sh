#!/usr/bin/env bash
# Runs every check: build, validate the shipped workflows, check them against the JSON
# Schema, then the Swift test suite (unit, store, CLI end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/python-deps.sh
swift build --build-tests
.build/debug/runway validate Workflows
python3 scripts/check-schema.py Workflows/*.yaml Tests/RunwayYAMLTests/Fixtures/valid/*.yaml
python3 scripts/check-schema.py --scenario Workflows/tests/*.yaml
# The schema refuses what the loader refuses: every structural fixture must fail it. (Which
# kinds an `entity:` may name is the folder's domain.yaml, which the schema cannot know.)
for broken in Tests/RunwayYAMLTests/Fixtures/invalid/loader-{unknown-key-hint,unknown-top-key,bad-type-name,wrong-bool,wrong-int,bad-state-name,missing-states,missing-transition-keys,bad-exposure,not-a-mapping,task-command}.yaml; do
  if python3 scripts/check-schema.py "$broken" >/dev/null; then
    echo "schema accepts $broken, which the loader refuses" >&2
    exit 1
  fi
done
.build/debug/runway test Workflows/tests --coverage
swift test --skip-build "$@"
