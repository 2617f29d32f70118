#!/usr/bin/env bash
# bench-maps.sh: time kinmap's in-process renderer (go-graphviz, WASM)
# against the Graphviz dot command on the same DOT files: the maps of
# every fixture family for every audience, as the code draws them now,
# written to a temporary directory (tracked files, the golden DOT files
# included, are never touched).
#
#   scripts/bench-maps.sh            # 5 runs per map
#   RUNS=20 scripts/bench-maps.sh
#
# Installs Debian's graphviz when dot is missing (needs root or sudo).
# The dot times include starting a process for each run, which is what a
# service shelling out to dot would pay; kinmap's times are per render in
# a warm process (the WASM module compiles once per process, about a
# second, and is cached by wazero in $TMPDIR/go-graphviz).
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"

if ! command -v dot >/dev/null 2>&1; then
	echo "dot not found: installing Debian's graphviz" >&2
	SUDO=""
	if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq graphviz >/dev/null
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/maps"

echo "writing the maps' DOT to $tmp/maps" >&2
VIZ_LOOK="$tmp/maps" VIZ_LOOK_FORMATS=dot go test ./viz/ -run '^TestLook$' -count=1 >/dev/null

echo "timing kinmap's renderer ($RUNS runs per map)" >&2
VIZ_BENCH_DOT="$tmp/maps" go test ./viz/ -run '^$' -bench 'BenchmarkGoldenSVG' -benchtime "${RUNS}x" -count=1 >"$tmp/bench.txt"
# BenchmarkGoldenSVG/ardvane-child-family-2   5   12345678 ns/op ...
awk '/^BenchmarkGoldenSVG\// {
	name = $1; sub(/^BenchmarkGoldenSVG\//, "", name); sub(/-[0-9]+$/, "", name)
	for (i = 1; i <= NF; i++) if ($(i+1) == "ns/op") printf "%s %.3f\n", name, $i / 1e6
}' "$tmp/bench.txt" >"$tmp/kinmap.txt"

echo "timing dot -Tsvg ($RUNS runs per map): $(dot -V 2>&1)" >&2
: >"$tmp/dot.txt"
for f in "$tmp"/maps/*.dot; do
	name="$(basename "$f" .dot)"
	start=$(date +%s%N)
	for _ in $(seq "$RUNS"); do
		dot -Tsvg "$f" >/dev/null 2>&1
	done
	end=$(date +%s%N)
	awk -v n="$name" -v ns="$((end - start))" -v runs="$RUNS" 'BEGIN { printf "%s %.3f\n", n, ns / runs / 1e6 }' >>"$tmp/dot.txt"
done

printf '%-36s %12s %12s %8s\n' "map" "kinmap ms" "dot CLI ms" "ratio"
join <(sort "$tmp/kinmap.txt") <(sort "$tmp/dot.txt") | awk '{
	ratio = ($3 > 0) ? $2 / $3 : 0
	printf "%-36s %12.2f %12.2f %8.2f\n", $1, $2, $3, ratio
	k += $2; d += $3; n++
} END {
	if (n > 0) printf "%-36s %12.2f %12.2f %8.2f\n", "mean", k / n, d / n, (d > 0) ? k / d : 0
}'
echo "ratio = kinmap / dot CLI: below 1, kinmap is faster" >&2
