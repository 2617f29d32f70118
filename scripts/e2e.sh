#!/usr/bin/env bash
# e2e: kinmap's web app in real Chromium. Starts a throw-away Neo4j and
# `kinmap serve --demo` on private ports, runs e2e/ (node --test with
# playwright-core and axe-core), saves screenshots under out/screenshots/,
# then stops both. Env: E2E_NEO4J_PORT (17787), E2E_PORT (18090),
# E2E_ISSUER_PORT (E2E_PORT+1), CHROMIUM (/usr/bin/chromium).
# OIDC sign-in runs against auth/authtest's issuer, served by
# internal/testissuer (a test tool, not in the kinmap binary) on
# E2E_ISSUER_PORT: the same kinmap serves --demo and OIDC sign-in.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
neo_port="${E2E_NEO4J_PORT:-17787}"
port="${E2E_PORT:-18090}"
work="$(mktemp -d)"
iss_port="${E2E_ISSUER_PORT:-$((port + 1))}"
kpid=""
npid=""
ipid=""
cleanup() {
	set +e
	[[ -n "$kpid" ]] && { kill "$kpid" 2>/dev/null; wait "$kpid" 2>/dev/null; }
	[[ -n "$npid" ]] && { kill "$npid" 2>/dev/null; wait "$npid" 2>/dev/null; }
	[[ -n "$ipid" ]] && { kill "$ipid" 2>/dev/null; wait "$ipid" 2>/dev/null; }
	rm -rf "$work"
}
trap cleanup EXIT

command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null || { echo "e2e: Chromium not found (apt-get install chromium)" >&2; exit 1; }
[[ -d e2e/node_modules ]] || (cd e2e && npm ci --no-audit --no-fund)
scripts/neo4j-build.sh >/dev/null
go build -o "$work/kinmap" ./cmd/kinmap
go build -o "$work/testissuer" ./internal/testissuer

# A Neo4j of its own: the launcher make run uses (scripts/neo4j-start.sh),
# with its data in $work, thrown away after.
lib="$root/neo4jlocal/target"
export NEO4J_PASSWORD="${NEO4J_PASSWORD:-kinmap-dev-password}"
java -Xms128m -Xmx512m --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
	--add-opens=java.base/sun.nio.ch=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true \
	-cp "$lib/classes:$lib/lib/*" kinmap.neo4jlocal.Launcher --home "$work/neo4j" --port "$neo_port" >"$work/neo4j.log" 2>&1 </dev/null &
npid=$!
for _ in $(seq 1 240); do
	grep -q "^NEO4J READY" "$work/neo4j.log" 2>/dev/null && break
	kill -0 "$npid" 2>/dev/null || { tail -20 "$work/neo4j.log" >&2; exit 1; }
	sleep 0.5
done
grep -q "^NEO4J READY" "$work/neo4j.log" || { echo "e2e: Neo4j did not start" >&2; exit 1; }
export NEO4J_URI="bolt://127.0.0.1:$neo_port"
# The test issuer signs in one synthetic team manager (manager-oidc,
# team-north) for every authorization.
"$work/testissuer" -addr "127.0.0.1:$iss_port" -user manager-oidc -role manager -teams team-north >"$work/issuer.log" 2>&1 </dev/null &
ipid=$!
for _ in $(seq 1 60); do
	grep -q "^ISSUER READY" "$work/issuer.log" 2>/dev/null && break
	kill -0 "$ipid" 2>/dev/null || { cat "$work/issuer.log" >&2; exit 1; }
	sleep 0.2
done
grep -q "^ISSUER READY" "$work/issuer.log" || { echo "e2e: the test issuer did not start" >&2; exit 1; }
export KINMAP_OIDC_ISSUER="http://127.0.0.1:$iss_port" KINMAP_OIDC_AUDIENCE=kinmap-test \
	KINMAP_OIDC_CLIENT_ID=kinmap-web-test KINMAP_OIDC_CLIENT_SECRET=kinmap-web-test-secret \
	KINMAP_OIDC_REDIRECT_URL="http://127.0.0.1:$port/auth/callback"
KINMAP_ADDR="127.0.0.1:$port" KINMAP_RATE_LIMIT=-1 KINMAP_LOG_LEVEL=warn "$work/kinmap" serve --demo >"$work/serve.log" 2>&1 &
kpid=$!
for _ in $(seq 1 120); do
	curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
	kill -0 "$kpid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
	sleep 1
done
mkdir -p out/screenshots
(cd e2e && KINMAP_URL="http://127.0.0.1:$port" KINMAP_OIDC_USER=manager-oidc KINMAP_SHOTS="$root/out/screenshots" node --test --test-concurrency=1 tests/)
echo "e2e: screenshots in out/screenshots/"
