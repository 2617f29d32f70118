#!/usr/bin/env bash
# Starts the local Neo4j (see neo4jlocal/README.md) in the background for `make run`.
# Data: .data/neo4j, pid: .data/neo4j.pid, log: .data/neo4j.log. Prints the bolt URI.
# Env: NEO4J_DATA (.data: another folder for another instance), NEO4J_PORT (7687), NEO4J_PASSWORD (kinmap-dev-password), NEO4J_START_TIMEOUT (120),
#      NEO4J_JAVA_HEAP (-Xms128m -Xmx512m), NEO4J_PAGECACHE_MB (512: the store files Neo4j keeps in
#      memory, off the heap and filled as read; at 64 MiB a nation's authority of ~1 GiB is read
#      from disk again by every report).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${NEO4J_PORT:-7687}"
timeout="${NEO4J_START_TIMEOUT:-120}"
data="${NEO4J_DATA:-$root/.data}"
pidf="$data/neo4j.pid"
logf="$data/neo4j.log"
uri="bolt://127.0.0.1:$port"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
# ours: $pid runs and is our launcher (pids get reused). No pipe: under
# pipefail a `grep -q` that stops reading early can fail the pipeline.
ours() {
	[[ -n "${pid:-}" ]] && kill -0 "$pid" 2>/dev/null &&
		grep -qa kinmap.neo4jlocal.Launcher "/proc/$pid/cmdline" 2>/dev/null
}
# running: the process we just started is still there. Only kill -0: while
# nohup and setsid exec into java, /proc/PID/cmdline can read empty.
running() { kill -0 "$pid" 2>/dev/null; }

pid=""
[[ -f "$pidf" ]] && pid="$(cat "$pidf")"
if ours; then
	if port_open; then
		echo "neo4j: already running (pid $pid)" >&2
		echo "$uri"
		exit 0
	fi
	echo "neo4j: pid $pid is alive but $uri is not open yet; waiting" >&2
else
	if port_open; then
		echo "neo4j: port $port is already in use by another process; set NEO4J_PORT" >&2
		exit 1
	fi
	"$root/scripts/neo4j-build.sh"
	mkdir -p "$data/neo4j"
	[[ -f "$logf" ]] && mv -f "$logf" "$logf.1"
	lib="$root/neo4jlocal/target"
	# shellcheck disable=SC2086 # NEO4J_JAVA_HEAP is a list of flags
	nohup setsid java ${NEO4J_JAVA_HEAP:--Xms128m -Xmx512m} \
		--add-opens=java.base/java.nio=ALL-UNNAMED \
		--add-opens=java.base/java.io=ALL-UNNAMED \
		--add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
		-Dio.netty.tryReflectionSetAccessible=true \
		-cp "$lib/classes:$lib/lib/*" kinmap.neo4jlocal.Launcher \
		--home "$data/neo4j" --port "$port" --pagecache "${NEO4J_PAGECACHE_MB:-512}" >"$logf" 2>&1 </dev/null &
	pid=$!
	echo "$pid" >"$pidf"
fi

deadline=$((SECONDS + timeout))
until grep -q "^NEO4J READY" "$logf" 2>/dev/null && port_open; do
	if ! running; then
		echo "neo4j: process $pid exited during start-up; last log lines:" >&2
		tail -n 20 "$logf" >&2 || true
		rm -f "$pidf"
		exit 1
	fi
	if ((SECONDS >= deadline)); then
		echo "neo4j: not ready after ${timeout}s (pid $pid still running; see $logf; stop with scripts/neo4j-stop.sh)" >&2
		exit 1
	fi
	sleep 0.5
done
echo "neo4j: ready (pid $pid, user neo4j, data $data/neo4j, log $logf)" >&2
echo "$uri"
