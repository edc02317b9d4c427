#!/usr/bin/env bash
# Runs every check: build, validate the shipped workflows, check them against the JSON
# Schema, then the Swift test suite (unit, store, CLI end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests
.build/debug/runway validate Workflows
python3 scripts/check-schema.py Workflows/*.yaml Tests/RunwayYAMLTests/Fixtures/valid/*.yaml
swift test --skip-build "$@"
