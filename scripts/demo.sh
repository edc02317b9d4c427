#!/usr/bin/env bash
# Builds runway, validates the shipped workflows and carries one release from "target app
# selected" to "released" on a fresh SQLite store (the README's tour, word for word).
set -euo pipefail
cd "$(dirname "$0")/.."

swift build
export PATH="$PWD/.build/debug:$PATH"
runway validate

store_dir=$(mktemp -d)
export RUNWAY_STORE="sqlite:$store_dir/runway.db"
echo "store: $RUNWAY_STORE"
set -x
runway directory import examples/directory.yaml
runway settings set pilotTestingRequired=true --scope superpay
ID=$(runway start mini-program-release --as alice \
      --set miniProgram=shop --set version=1.0.0 --set targetApp=superpay --set environment=production)
runway fire $ID release --as alice
runway fire $ID apply --as alice
runway show $ID --as wendy
runway fire $ID approve --as wendy
runway fire $ID add-testers --as alice --param testers=@examples/testers.csv
runway fire $ID complete-testing --as alice
runway fire $ID grayscale --as alice --param percent=10
runway fire $ID grayscale --as alice --param percent=50
runway fire $ID grayscale --as alice --param percent=100
runway history $ID
runway resolve --app superpay --env production --mini-program shop --user u-1001
runway test --coverage
runway definitions list
runway migrate $ID --to-current --dry-run
runway show $ID
