#!/usr/bin/env bash
# make bench-load: load on a throw-away Neo4j and `kinmap serve --demo`, on
# private ports, with the rate limit raised for the run. BENCH_LOAD_SECONDS
# (60) at each of BENCH_CLIENTS ("8 32") clients on a child's flags, a
# cached map and freshly drawn maps (as_of varies, so each is drawn), first
# as kinmap runs (audit events of concurrent requests grouped), then, side
# by side, with KINMAP_AUDIT_BATCH=1 (each request writes its own event:
# the baseline; BENCH_BASELINE=0 skips it). Prints req/s, p50/p99 (ms),
# non-2xx by status, kinmap's RSS before and after each mode and the mean
# audit batch size (from its metrics).
# Env: BENCH_NEO4J_PORT (17787), BENCH_PORT (17780), BENCH_METRICS_PORT
# (17781), BENCH_LOAD_SECONDS, BENCH_CLIENTS, BENCH_BASELINE,
# BENCH_LOG_LEVEL (info), BENCH_WARMUP_SECONDS (10 per scenario, unmeasured,
# each mode), BENCH_BASELINE_FIRST (0).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
secs="${BENCH_LOAD_SECONDS:-60}"
clients="${BENCH_CLIENTS:-8 32}"
neo_port="${BENCH_NEO4J_PORT:-17787}"
port="${BENCH_PORT:-17780}"
mport="${BENCH_METRICS_PORT:-17781}"
export NEO4J_PASSWORD="${NEO4J_PASSWORD:-kinmap-dev-password}"
bin="$root/.data/bin"
mkdir -p "$bin"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$neo_port" "$port" "$mport"; do
	if port_open "$p"; then
		echo "bench-load: port $p is in use; set BENCH_NEO4J_PORT / BENCH_PORT / BENCH_METRICS_PORT" >&2
		exit 1
	fi
done

echo "bench-load: building kinmap and the load generator" >&2
go build -o "$bin/kinmap" ./cmd/kinmap
go build -o "$bin/loadgen" ./scripts/loadgen
scripts/neo4j-build.sh

work="$(mktemp -d "${TMPDIR:-/tmp}/kinmap-bench-load.XXXXXX")"
neo_pid="" kin_pid=""
stop_pid() { # SIGTERM one process we started, then wait (SIGKILL after 30 s)
	local pid="$1" n=0
	[[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null || true
	while kill -0 "$pid" 2>/dev/null && ((n < 60)); do sleep 0.5; n=$((n + 1)); done
	kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
	stop_pid "$kin_pid"
	stop_pid "$neo_pid"
	rm -rf "$work"
}
trap cleanup EXIT

echo "bench-load: starting a throw-away Neo4j on port $neo_port" >&2
lib="$root/neo4jlocal/target"
# shellcheck disable=SC2086 # NEO4J_JAVA_HEAP is a list of flags
setsid java ${NEO4J_JAVA_HEAP:--Xms128m -Xmx512m} \
	--add-opens=java.base/java.nio=ALL-UNNAMED \
	--add-opens=java.base/java.io=ALL-UNNAMED \
	--add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
	-Dio.netty.tryReflectionSetAccessible=true \
	-cp "$lib/classes:$lib/lib/*" kinmap.neo4jlocal.Launcher \
	--home "$work/neo4j" --port "$neo_port" >"$work/neo4j.log" 2>&1 </dev/null &
neo_pid=$!
deadline=$((SECONDS + ${NEO4J_START_TIMEOUT:-120}))
until grep -q "^NEO4J READY" "$work/neo4j.log" 2>/dev/null && port_open "$neo_port"; do
	if ! kill -0 "$neo_pid" 2>/dev/null || ((SECONDS >= deadline)); then
		echo "bench-load: Neo4j did not start; last log lines:" >&2
		tail -n 20 "$work/neo4j.log" >&2 || true
		exit 1
	fi
	sleep 0.5
done

rss() { awk '/^VmRSS:/ {printf "%.0f MB", $2/1024}' "/proc/$1/status"; }

# mean_batch: the mean audit batch size so far, from kinmap's metrics.
mean_batch() {
	curl -fsS "http://127.0.0.1:$mport/metrics" | awk '
		/^kinmap_audit_batch_size_sum / {s=$2} /^kinmap_audit_batch_size_count / {c=$2}
		END {if (c > 0) printf "%.1f (%d batches)", s/c, c; else print "- (no batches)"}'
}

# run_mode LABEL AUDIT_BATCH: start kinmap, load it, stop it.
run_mode() {
	local label="$1" batch="$2" out="$work/serve-$2.out"
	NEO4J_URI="bolt://127.0.0.1:$neo_port" KINMAP_ADDR="127.0.0.1:$port" KINMAP_METRICS_ADDR="127.0.0.1:$mport" \
		KINMAP_RATE_LIMIT=1000000 KINMAP_AUDIT_BATCH="$batch" KINMAP_LOG_LEVEL="${BENCH_LOG_LEVEL:-info}" \
		"$bin/kinmap" serve --demo >"$out" 2>"$work/serve-$batch.log" </dev/null &
	kin_pid=$!
	local deadline=$((SECONDS + 120))
	until grep -q "^kinmap serving on" "$out" 2>/dev/null; do
		if ! kill -0 "$kin_pid" 2>/dev/null || ((SECONDS >= deadline)); then
			echo "bench-load: kinmap did not start:" >&2
			tail -n 20 "$work/serve-$batch.log" >&2 || true
			exit 1
		fi
		sleep 0.2
	done
	LOADGEN_TOKEN="$(awk '$2 == "worker-a" {print $3}' "$out")"
	export LOADGEN_TOKEN
	local api="http://127.0.0.1:$port/api/v1/children/ard-kieran"
	curl -fsS -o /dev/null -H "Authorization: Bearer $LOADGEN_TOKEN" "$api/map.svg" # warm the cache
	# Warm-up, not measured: the JVM's and Neo4j's caches, the connection
	# pool. (Without it, whichever mode runs second looks faster.)
	local w="${BENCH_WARMUP_SECONDS:-10}s"
	"$bin/loadgen" -c 8 -d "$w" -url "$api/flags" >/dev/null
	"$bin/loadgen" -c 8 -d "$w" -url "$api/map.svg" >/dev/null
	"$bin/loadgen" -c 8 -d "$w" -url "$api/map.svg?as_of={n}" >/dev/null
	echo
	echo "== $label (KINMAP_AUDIT_BATCH=$batch), ${secs}s each; kinmap RSS before: $(rss "$kin_pid")"
	printf "%-28s %7s %9s %9s %9s  %s\n" scenario clients "req/s" "p50 ms" "p99 ms" "non-2xx by status"
	for c in $clients; do
		"$bin/loadgen" -label "flags" -c "$c" -d "${secs}s" -url "$api/flags"
		"$bin/loadgen" -label "cached map (svg)" -c "$c" -d "${secs}s" -url "$api/map.svg"
		"$bin/loadgen" -label "fresh maps (svg, as_of)" -c "$c" -d "${secs}s" -url "$api/map.svg?as_of={n}"
	done
	echo "kinmap RSS after: $(rss "$kin_pid"); mean audit batch: $(mean_batch)"
	unset LOADGEN_TOKEN
	stop_pid "$kin_pid"
	kin_pid=""
}

# BENCH_BASELINE_FIRST=1 runs the baseline first (to see the order's effect).
if [[ "${BENCH_BASELINE_FIRST:-0}" == 1 && "${BENCH_BASELINE:-1}" != 0 ]]; then
	run_mode "baseline: one audit transaction per request" 1
fi
run_mode "audit events grouped" 256
if [[ "${BENCH_BASELINE_FIRST:-0}" != 1 && "${BENCH_BASELINE:-1}" != 0 ]]; then
	run_mode "baseline: one audit transaction per request" 1
fi
