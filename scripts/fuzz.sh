#!/usr/bin/env bash
# Runs every Go fuzz target for a short, bounded time on top of its seed
# corpus (testdata/fuzz/FuzzXxx), one target per `go test -fuzz` (it takes
# one per package at a time). A failing input is written to the package's
# testdata/fuzz/FuzzXxx/: keep it there as a seed once the bug is fixed.
# Env: FUZZTIME (10s per target).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

fuzztime="${FUZZTIME:-10s}"
targets=(
	"./graph FuzzDecodeDocument"
	"./graph FuzzParseDate"
	"./viz FuzzDOTEscaping"
	"./viz/render FuzzSanitiseSVG"
)

# Every fuzz target in the code is listed above.
found="$(git grep -h -o '^func Fuzz[A-Za-z0-9_]*' -- '*_test.go' | sed 's/^func //' | sort)"
listed="$(printf '%s\n' "${targets[@]}" | awk '{print $2}' | sort)"
if [[ "$found" != "$listed" ]]; then
	echo "fuzz: the targets in the code and in scripts/fuzz.sh differ:" >&2
	diff <(echo "$listed") <(echo "$found") >&2 || true
	exit 1
fi

start=$SECONDS
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	t0=$SECONDS
	go test -count=1 -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$pkg" >"${TMPDIR:-/tmp}/kinmap-fuzz.log" 2>&1 || {
		cat "${TMPDIR:-/tmp}/kinmap-fuzz.log" >&2
		echo "fuzz: FAIL: $name ($pkg)" >&2
		exit 1
	}
	execs="$(grep -o 'execs: [0-9]*' "${TMPDIR:-/tmp}/kinmap-fuzz.log" | tail -1 | awk '{print $2}')"
	echo "fuzz: ok   $name ($pkg): ${execs:-0} execs in $fuzztime, $((SECONDS - t0))s with the build"
done
echo "fuzz: ${#targets[@]} targets passed in $((SECONDS - start))s"
