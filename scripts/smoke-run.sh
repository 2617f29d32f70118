#!/usr/bin/env bash
# Smoke test of the quick start: runs `make run` as a user would, waits for
# the URL it prints, then checks from outside with curl that the server is
# ready, serves the demo families to a demo worker's token, draws a map and
# keeps an unknown child hidden, and that the web app offers the demo
# sign-in. Stops the server and the local Neo4j after.
# Env: KINMAP_ADDR (:8080), NEO4J_PORT (7687), SMOKE_TIMEOUT (300 s).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

timeout="${SMOKE_TIMEOUT:-300}"
out="$(mktemp)"
body="$(mktemp)"
server=""
cleanup() {
	set +e
	# make runs under setsid: signal its whole process group (make, kinmap).
	[[ -n "$server" ]] && { kill -TERM -- "-$server" 2>/dev/null; wait "$server" 2>/dev/null; }
	[[ -z "${NEO4J_URI:-}" ]] && scripts/neo4j-stop.sh
	rm -f "$out" "$body"
}
trap cleanup EXIT
fail() {
	echo "smoke: FAIL: $*" >&2
	echo "smoke: make run printed:" >&2
	sed 's/km_[A-Za-z0-9_-]*/km_.../g' "$out" >&2
	exit 1
}

setsid make --no-print-directory run >"$out" 2>&1 </dev/null &
server=$!
deadline=$((SECONDS + timeout))
until url="$(grep -o 'kinmap serving on http://[^ ]*' "$out" | awk '{print $4}')" && [[ -n "$url" ]]; do
	kill -0 "$server" 2>/dev/null || fail "make run exited before serving"
	((SECONDS < deadline)) || fail "no URL printed after ${timeout}s"
	sleep 1
done
echo "smoke: make run serves $url"
token="$(awk '$2 == "worker-a" {print $3}' "$out")"
[[ "$token" == km_* ]] || fail "no demo token printed for worker-a"

# check NAME WANT-STATUS PATH [curl args]: GET PATH, compare the status.
check() {
	local name="$1" want="$2" path="$3"
	shift 3
	local got
	got="$(curl -sS -o "$body" -w '%{http_code}' "$@" "$url$path")" || fail "$name: curl failed"
	[[ "$got" == "$want" ]] || fail "$name: got HTTP $got, want $want: $(head -c 300 "$body")"
	echo "smoke: ok   $name ($got)"
	passed=$((passed + 1))
}
passed=0
auth=(-H "Authorization: Bearer $token")
check healthz 200 /healthz
check readyz 200 /readyz
check openapi 200 /api/v1/openapi.json
check "no token" 401 /api/v1/children
check "children of worker-a" 200 '/api/v1/children?limit=50' "${auth[@]}"
grep -q '"id":"ard-kieran"' "$body" || fail "ard-kieran missing from worker-a's children"
check "flags" 200 /api/v1/children/ard-kieran/flags "${auth[@]}"
grep -q '"separated_sibling"' "$body" || fail "no separated_sibling flag for ard-kieran"
check "family map" 200 '/api/v1/children/ard-kieran/map.svg?audience=family' "${auth[@]}"
grep -q '<svg' "$body" || fail "family map is not SVG"
check "child outside the caseload" 404 /api/v1/children/bal-mason/network "${auth[@]}"
# The web app: / sends a browser to sign in, where the demo users are listed.
check "web app start page" 303 /
check "web sign-in page" 200 /signin
grep -q 'Sign in as worker-a' "$body" || fail "the demo sign-in page does not list worker-a"
echo "smoke: $passed passed, 0 failed"
