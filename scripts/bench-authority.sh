#!/usr/bin/env bash
# bench-authority: kinmap at authority and national scale, next to what an
# evaluator would write instead. For each size in BENCH_AUTHORITY_SIZES
# (default "1000 12000 84000" looked-after children): generate an authority
# (kinmap generate, seed BENCH_SEED, default 1), import it into an empty
# local Neo4j (default heap, as `make run`), then time
#   - kinmap report (CLI, a process of its own, --unsuppressed to compare every figure:
#     cold, the first report after the import, which left the report's
#     projection stored; then again in a new process; then with --recompute,
#     from the records, as the first report after any other write is)
#   - the report through the API (kinmap serve): cold, then warm (nothing changed: the cache),
#     then after a write (from the records)
#   - the same report in pure Cypher (scripts/report.cypher) in the same Neo4j
#   - the same report with networkx on the export (scripts/report_networkx.py)
# and check that the three give identical figures (exit 1 if not). Prints
# one table per size, then the growth ratios between sizes.
# Figures are wall-clock seconds, CPU seconds (the process's own plus, for
# what runs in Neo4j, the Neo4j server's, from /proc: on a shared machine
# the CPU figures are the ones to compare) and peak resident memory of the
# process (kinmap, python); Neo4j's own memory is its heap setting.
# The import is timed twice: into the empty Neo4j, then the same file again
# (unchanged: read and compared, nothing written).
# Env: BENCH_AUTHORITY_SIZES, BENCH_SEED, BENCH_AS_OF (2026-11-01),
#      BENCH_NEO4J_PORT (18587), BENCH_ADDR (127.0.0.1:18588).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

sizes="${BENCH_AUTHORITY_SIZES:-1000 12000 84000}"
seed="${BENCH_SEED:-1}"
asof="${BENCH_AS_OF:-2026-11-01}"
port="${BENCH_NEO4J_PORT:-18587}"
addr="${BENCH_ADDR:-127.0.0.1:18588}"
data="$root/.data/bench-authority"
NETWORKX_VERSION="3.6.1"
mkdir -p "$data"

export NEO4J_PORT="$port" NEO4J_URI="bolt://127.0.0.1:$port"
export NEO4J_PASSWORD="${NEO4J_PASSWORD:-kinmap-dev-password}"
export KINMAP_PSEUDONYM_KEY="${KINMAP_PSEUDONYM_KEY:-kinmap-dev-pseudonym-key}"
export NEO4J_DATA=""
server=""
cleanup() {
	set +e
	[[ -n "$server" ]] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null
	[[ -n "$NEO4J_DATA" ]] && scripts/neo4j-stop.sh 2>/dev/null
}
trap cleanup EXIT
fail() { echo "bench-authority: FAIL: $*" >&2; exit 1; }

# networkx from PyPI into .data/ (as scripts/crosscheck/run.sh does).
venv="$data/venv"
if [[ ! -x "$venv/bin/python" ]]; then python3 -m venv "$venv"; fi
py="$venv/bin/python"
"$py" -c "import networkx, sys; sys.exit(networkx.__version__ != '$NETWORKX_VERSION')" 2>/dev/null ||
	"$py" -m pip install --quiet --disable-pip-version-check "networkx==$NETWORKX_VERSION" ||
	fail "could not install networkx $NETWORKX_VERSION"

go build -o bin/kinmap ./cmd/kinmap
go build -o bin/reportcypher ./scripts/reportcypher

# neo4j_cpu: CPU seconds the local Neo4j has used so far.
neo4j_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$(cat "$NEO4J_DATA/neo4j.pid")/stat"; }
# timed OUT CMD...: runs CMD with stdout to OUT; sets secs, mb and cpu
# (the command's CPU seconds plus Neo4j's meanwhile).
timed() {
	local out="$1" tf n0 n1
	shift
	tf="$(mktemp)"
	n0="$(neo4j_cpu)"
	/usr/bin/time -f "%e %M %U %S" -o "$tf" "$@" >"$out" || { cat "$tf" >&2; rm -f "$tf"; fail "$*"; }
	n1="$(neo4j_cpu)"
	read -r secs kb us ss <"$tf"
	mb=$((kb / 1024))
	cpu="$(awk -v a="$us" -v b="$ss" -v c="$n0" -v d="$n1" 'BEGIN { printf "%.2f", a + b + d - c }')"
	rm -f "$tf"
}
# api NAME: GET the report through the server; sets secs.
api() {
	secs="$(curl -sS -o "$data/api-$1.json" -w '%{time_total}' -H "Authorization: Bearer $token" \
		"http://$addr/api/v1/reports/sibling-placements?as_of=$asof")"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }
declare -A T M C

for n in $sizes; do
	file="$data/authority-$n-seed-$seed.json"
	[[ -s "$file" ]] || bin/kinmap generate --children "$n" --seed "$seed" -o "$file"
	export NEO4J_DATA="$data/neo4j-$n"
	scripts/neo4j-stop.sh 2>/dev/null || true
	rm -rf "$NEO4J_DATA"
	mkdir -p "$NEO4J_DATA"
	scripts/neo4j-start.sh >/dev/null
	# the evaluator's token first, so that the import is the last write
	# before the reports (a later write is measured on its own below)
	token="$(bin/kinmap token create --user bench-evaluator --role evaluator 2>/dev/null)"

	timed "$data/import.txt" bin/kinmap import "$file"
	import_s=$secs import_mb=$mb import_cpu=$cpu
	records=$(grep -o '[0-9]\+ [a-z]*' "$data/import.txt" | grep -v transaction | awk '{s += $1} END {print s}')
	# the same file again: nothing changed, so nothing is written
	timed "$data/reimport.txt" bin/kinmap import "$file"
	reimport_s=$secs reimport_mb=$mb reimport_cpu=$cpu

	timed "$data/kinmap-$n.json" bin/kinmap report --as-of "$asof" --unsuppressed
	cli_s=$secs cli_mb=$mb cli_cpu=$cpu
	# the same again in a new process: nothing of kinmap's is cached, but
	# Neo4j has now planned (and its JIT compiled) the report's queries
	timed "$data/kinmap-again-$n.json" bin/kinmap report --as-of "$asof" --unsuppressed
	cli2_s=$secs cli2_mb=$mb cli2_cpu=$cpu
	# from the records (the stored projection dropped first): what the
	# first report after a write, which moves the store version, costs
	timed "$data/kinmap-recompute-$n.json" bin/kinmap report --as-of "$asof" --unsuppressed --recompute
	rec_s=$secs rec_mb=$mb rec_cpu=$cpu

	# three reports at once, at three dates (no shared cache): all must succeed
	start=$SECONDS pids=()
	for d in "$asof" 2026-06-30 2025-12-31; do
		bin/kinmap report --as-of "$d" >/dev/null 2>"$data/concurrent-$d.err" &
		pids+=($!)
	done
	concurrent_ok=0
	for p in "${pids[@]}"; do wait "$p" && concurrent_ok=$((concurrent_ok + 1)); done
	concurrent_s=$((SECONDS - start))
	((concurrent_ok == 3)) || fail "$n children: $((3 - concurrent_ok)) of 3 concurrent reports failed"

	KINMAP_ADDR="$addr" bin/kinmap serve >"$data/serve.log" 2>&1 &
	server=$!
	for _ in $(seq 120); do curl -sf "http://$addr/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
	c0="$(neo4j_cpu)" s0="$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$server/stat")"
	api cold
	api_cold=$secs
	c1="$(neo4j_cpu)" s1="$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$server/stat")"
	api_cold_cpu="$(awk -v a="$c0" -v b="$c1" -v c="$s0" -v d="$s1" 'BEGIN { printf "%.2f", b - a + d - c }')"
	api warm
	api_warm=$secs
	# a write (another token: it moves the store version, not the figures),
	# then the report again: read from the records, as after any write
	bin/kinmap token create --user bench-writer --role evaluator >/dev/null 2>&1
	api write
	api_write=$secs
	api_mb=$(($(awk '/VmHWM/ {print $2}' "/proc/$server/status") / 1024))
	kill -TERM "$server"
	wait "$server" 2>/dev/null || true
	server=""

	timed "$data/cypher-$n.json" bin/reportcypher --as-of "$asof"
	cypher_s=$secs cypher_cpu=$cpu

	bin/kinmap export -o "$data/export-$n.json"
	timed "$data/networkx-$n.json" "$py" scripts/report_networkx.py "$data/export-$n.json" "$asof"
	nx_s=$secs nx_mb=$mb nx_cpu=$cpu
	scripts/neo4j-stop.sh 2>/dev/null
	export NEO4J_DATA=""

	"$py" - "$data/kinmap-$n.json" "$data/api-cold.json" "$data/api-warm.json" "$data/cypher-$n.json" "$data/networkx-$n.json" "$data/kinmap-recompute-$n.json" "$data/api-write.json" <<'EOF' || fail "$n children: the figures differ"
import json, sys
names = ["kinmap CLI", "kinmap API cold", "kinmap API warm", "pure Cypher", "networkx", "kinmap CLI --recompute", "kinmap API after a write"]
docs = [json.load(open(f)) for f in sys.argv[1:]]
# the API adds disclosure control for evaluators: compare the unsuppressed
# figures only where present (the CLI here is the admin's unsuppressed report)
keys = ["as_of", "looked_after_children", "with_looked_after_sibling", "household_not_recorded", "separated",
        "separated_rate", "by_looked_after_siblings", "by_placement_type", "sibling_groups", "separations", "separations_no_reason"]
ref = {k: docs[0][k] for k in keys}
ref["sibling_groups"] = {k: v for k, v in ref["sibling_groups"].items() if k != "split"}
bad = False
if docs[5] != docs[0]:
    print("  kinmap CLI --recompute: not the same report as the CLI's from the stored projection", file=sys.stderr)
    bad = True
if docs[6] != docs[1]:
    print("  kinmap API after a write: not the same report as before it", file=sys.stderr)
    bad = True
for name, d in zip(names[3:5], docs[3:5]):
    for k in keys:
        if d.get(k) != ref[k]:
            print(f"  {name}: {k} = {d.get(k)!r}, kinmap {ref[k]!r}", file=sys.stderr)
            bad = True
for name, d in zip(names[1:3], docs[1:3]):
    if d.get("looked_after_children") != ref["looked_after_children"] and d.get("looked_after_children") != "c":
        print(f"  {name}: looked_after_children = {d.get('looked_after_children')!r}", file=sys.stderr)
        bad = True
sys.exit(1 if bad else 0)
EOF

	T[$n,import]=$import_s M[$n,import]=$import_mb T[$n,cli]=$cli_s M[$n,cli]=$cli_mb C[$n,cli]=$cli_cpu C[$n,api]=$api_cold_cpu
	T[$n,rec]=$rec_s C[$n,rec]=$rec_cpu M[$n,rec]=$rec_mb
	T[$n,cypher]=$cypher_s T[$n,nx]=$nx_s M[$n,nx]=$nx_mb T[$n,api]=$api_cold M[$n,api]=$api_mb
	echo
	echo "## $n looked-after children (seed $seed, as of $asof; $records records; Neo4j heap ${NEO4J_JAVA_HEAP:--Xms128m -Xmx512m})"
	echo
	echo "| measure | time (s) | CPU (s, incl. Neo4j) | peak memory (MB) | ratio |"
	echo "|---|---|---|---|---|"
	echo "| import (CLI, empty Neo4j) | $import_s ($(awk -v r="$records" -v s="$import_s" 'BEGIN { printf "%d", r / s }') records/s) | $import_cpu | $import_mb | |"
	echo "| re-import of the unchanged file (CLI) | $reimport_s ($(awk -v r="$records" -v s="$reimport_s" 'BEGIN { printf "%d", r / s }') records/s) | $reimport_cpu | $reimport_mb | first / re-import: time $(ratio "$import_s" "$reimport_s"), CPU $(ratio "$import_cpu" "$reimport_cpu") |"
	echo "| kinmap report, CLI (cold: the first report after the import, a process of its own; the import stored the projection) | $cli_s | $cli_cpu | $cli_mb | |"
	echo "| kinmap report, CLI again (a new process: cold for kinmap, not for Neo4j) | $cli2_s | $cli2_cpu | $cli2_mb | Cypher / kinmap: time $(ratio "$cypher_s" "$cli2_s"); networkx / kinmap: time $(ratio "$nx_s" "$cli2_s") |"
	echo "| kinmap report, CLI --recompute (from the records: the first report after any other write) | $rec_s | $rec_cpu | $rec_mb | Cypher / kinmap: time $(ratio "$cypher_s" "$rec_s"); networkx / kinmap: time $(ratio "$nx_s" "$rec_s"), CPU $(ratio "$nx_cpu" "$rec_cpu") |"
	echo "| kinmap report, API cold (a new kinmap serve, its first report) | $api_cold | $api_cold_cpu | $api_mb (server) | |"
	echo "| kinmap report, API warm | $api_warm | | | time cold/warm $(ratio "$api_cold" "$api_warm") |"
	echo "| kinmap report, API after a write (from the records) | $api_write | | | Cypher / kinmap: time $(ratio "$cypher_s" "$api_write"); networkx / kinmap: time $(ratio "$nx_s" "$api_write") |"
	echo "| pure Cypher (scripts/report.cypher) | $cypher_s | $cypher_cpu | (in Neo4j) | Cypher / kinmap: time $(ratio "$cypher_s" "$cli_s") (CLI), $(ratio "$cypher_s" "$api_cold") (API); CPU $(ratio "$cypher_cpu" "$cli_cpu") (CLI), $(ratio "$cypher_cpu" "$api_cold_cpu") (API) |"
	echo "| 3 concurrent kinmap reports (CLI, 3 dates) | $concurrent_s (all) | | | $concurrent_ok of 3 succeeded |"
	echo "| networkx on the export | $nx_s | $nx_cpu | $nx_mb | networkx / kinmap: time $(ratio "$nx_s" "$cli_s") (CLI), $(ratio "$nx_s" "$api_cold") (API); CPU $(ratio "$nx_cpu" "$cli_cpu") (CLI), $(ratio "$nx_cpu" "$api_cold_cpu") (API) |"
	echo
	echo "figures identical: kinmap, pure Cypher, networkx"
done

set -- $sizes
if (($# > 1)); then
	echo
	echo "## growth between sizes"
	echo
	echo "| sizes | children | import time | import memory | report time (CLI) | report CPU (CLI) | report memory (CLI) | from the records: time | CPU | memory | API cold time | API cold CPU |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
	prev=""
	for n in $sizes; do
		if [[ -n "$prev" ]]; then
			echo "| $n/$prev | $(ratio "$n" "$prev") | $(ratio "${T[$n,import]}" "${T[$prev,import]}") | $(ratio "${M[$n,import]}" "${M[$prev,import]}") | $(ratio "${T[$n,cli]}" "${T[$prev,cli]}") | $(ratio "${C[$n,cli]}" "${C[$prev,cli]}") | $(ratio "${M[$n,cli]}" "${M[$prev,cli]}") | $(ratio "${T[$n,rec]}" "${T[$prev,rec]}") | $(ratio "${C[$n,rec]}" "${C[$prev,rec]}") | $(ratio "${M[$n,rec]}" "${M[$prev,rec]}") | $(ratio "${T[$n,api]}" "${T[$prev,api]}") | $(ratio "${C[$n,api]}" "${C[$prev,api]}") |"
		fi
		prev=$n
	done
fi
