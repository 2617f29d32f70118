#!/usr/bin/env bash
# Stops the local Neo4j started by scripts/neo4j-start.sh: SIGTERM, wait, then SIGKILL.
# Env: NEO4J_STOP_TIMEOUT (30 seconds).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pidf="${KINMAP_DATA_DIR:-$root/.data}/neo4j.pid"
timeout="${NEO4J_STOP_TIMEOUT:-30}"

if [[ ! -f "$pidf" ]]; then
	echo "neo4j: not running (no pid file)" >&2
	exit 0
fi
pid="$(cat "$pidf")"
# Only signal the pid if it still is our launcher (pids get reused).
if ! kill -0 "$pid" 2>/dev/null || ! grep -qa kinmap.neo4jlocal.Launcher "/proc/$pid/cmdline" 2>/dev/null; then
	echo "neo4j: not running (stale pid file removed)" >&2
	rm -f "$pidf"
	exit 0
fi

kill -TERM "$pid"
deadline=$((SECONDS + timeout))
while kill -0 "$pid" 2>/dev/null; do
	if ((SECONDS >= deadline)); then
		echo "neo4j: still running after ${timeout}s; sending SIGKILL" >&2
		kill -KILL "$pid" 2>/dev/null || true
		break
	fi
	sleep 0.5
done
rm -f "$pidf"
echo "neo4j: stopped (pid $pid)" >&2
