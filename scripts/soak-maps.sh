#!/usr/bin/env bash
# soak-maps.sh: draw 20,000 distinct maps through kinmap's renderer and
# print the RSS every 1,000; fails when the RSS ends more than 20% above
# where it was after the first 1,000 (go-graphviz's leak, viz/render/wasmheap.go).
#
#   scripts/soak-maps.sh                 # the full soak
#   N=2000 EVERY=200 scripts/soak-maps.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec go run ./scripts/soakmaps -n "${N:-20000}" -every "${EVERY:-1000}"
