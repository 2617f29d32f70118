#!/usr/bin/env bash
# Schemathesis against the OpenAPI document kinmap serves, on a fresh
# kinmap with the demo data and a throw-away local Neo4j (its own data
# folder and port), once with a worker's token and once with an admin's.
# Every check is on (server errors, status codes, content types, response
# schemas and headers, valid requests accepted, invalid ones refused,
# authentication ...); rules JSON Schema cannot state are in hooks.py.
# The run's own tokens are never revoked. Exits non-zero on any failure.
#
# Installs a pinned schemathesis from PyPI into .data/venv-schemathesis.
# Env: ST_MAX_EXAMPLES (25 per operation), ST_PORT (18097, kinmap),
#      ST_NEO4J_PORT (18098), ST_SEED (random), ST_WORKERS (1).
set -euo pipefail

SCHEMATHESIS_VERSION="4.32.5"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
data="$root/.data/schemathesis"
venv="$root/.data/venv-schemathesis"
port="${ST_PORT:-18097}"
neo4j_port="${ST_NEO4J_PORT:-18098}"
examples="${ST_MAX_EXAMPLES:-25}"
seed="${ST_SEED:-$RANDOM}"
workers="${ST_WORKERS:-1}" # one worker: a fixed seed then gives the same run

retry() { # retry CMD...: three attempts, 5 and 15 seconds apart
	local delay
	for delay in 5 15 0; do
		"$@" && return 0
		[ "$delay" = 0 ] && break
		echo "schemathesis: '$*' failed, retrying in ${delay}s" >&2
		sleep "$delay"
	done
	return 1
}

python="${PYTHON:-python3}"
have_st() { "$venv/bin/st" --version 2>/dev/null | grep -qx "st, version $SCHEMATHESIS_VERSION"; }
if ! have_st; then
	[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
	retry "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

server=""
cleanup() {
	set +e
	[[ -n "$server" ]] && { kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null; }
	NEO4J_DATA="$data" scripts/neo4j-stop.sh
}
trap cleanup EXIT

# A fresh Neo4j of its own.
NEO4J_DATA="$data" scripts/neo4j-stop.sh
rm -rf "$data/neo4j"
mkdir -p "$data"
uri="$(NEO4J_DATA="$data" NEO4J_PORT="$neo4j_port" scripts/neo4j-start.sh)"

go build -o bin/kinmap ./cmd/kinmap
rm -f "$data/kinmap.out" "$data/kinmap.log" "$data"/st-*.txt
# Rate limiting off for the run (KINMAP_RATE_LIMIT below zero): schemathesis
# sends invalid credentials on purpose, and far more than 20 requests a second.
NEO4J_URI="$uri" KINMAP_ADDR="127.0.0.1:$port" KINMAP_RATE_LIMIT=-1 KINMAP_LOG_LEVEL=error \
	bin/kinmap serve --demo >"$data/kinmap.out" 2>"$data/kinmap.log" </dev/null &
server=$!
deadline=$((SECONDS + 120))
until grep -q 'kinmap serving on' "$data/kinmap.out" 2>/dev/null; do
	kill -0 "$server" 2>/dev/null || { echo "schemathesis: kinmap exited:" >&2; tail -20 "$data/kinmap.log" >&2; exit 1; }
	((SECONDS < deadline)) || { echo "schemathesis: kinmap not serving after 120s" >&2; exit 1; }
	sleep 0.5
done
base="http://127.0.0.1:$port"
token() { awk -v u="$1" '$2 == u {print $3}' "$data/kinmap.out"; }
worker="$(token worker-a)"
admin="$(token admin-a)"
[[ "$worker" == km_* && "$admin" == km_* ]] || { echo "schemathesis: no demo tokens printed" >&2; exit 1; }
# The run's own tokens, which revokeToken must leave alone (hooks.py).
own="$(curl -fsS -H "Authorization: Bearer $admin" "$base/api/v1/tokens" |
	"$venv/bin/python" -c 'import json,sys; print(",".join(t["id"] for t in json.load(sys.stdin)["items"] if t["user"] in ("worker-a","admin-a")))')"

status=0
for who in worker admin; do
	tok="$worker" extra=()
	# The created-resource check is for the admin's run only: in the
	# worker's stateful phase it follows links schemathesis infers into
	# writes the scope rule rightly refuses (a new person moved into a
	# household outside the caseload answers 404), and counts that 404 as
	# the new person not found. What a worker creates they can read: tested
	# in api (TestWhatIsCreatedCanBeRead).
	[[ "$who" == worker ]] && extra=(--exclude-checks ensure_resource_availability)
	# The admin's run covers what only an admin may do (the worker's run
	# sees those refused with 403, and the admin is refused children's
	# records alike).
	[[ "$who" == admin ]] && tok="$admin" extra=(--include-operation-id import --include-operation-id export
		--include-operation-id audit --include-operation-id listTokens --include-operation-id createToken
		--include-operation-id revokeToken --include-operation-id createAssignment
		--include-operation-id getAssignment --include-operation-id endAssignment)
	echo "schemathesis: as $who-a (seed $seed, $examples examples per operation)"
	if ! (cd "$root/scripts/schemathesis" && SCHEMATHESIS_HOOKS=hooks ST_OWN_TOKENS="$own" \
		"$venv/bin/st" run "$base/api/v1/openapi.json" -H "Authorization: Bearer $tok" \
		"${extra[@]}" --suppress-health-check filter_too_much --request-timeout 30 --max-examples "$examples" --seed "$seed" --workers "$workers" --no-color \
		>"$data/st-$who.txt" 2>&1); then
		status=1
		sed 's/km_[A-Za-z0-9_-]*/km_.../g' "$data/st-$who.txt" | awk '/= FAILURES =|= ERRORS =/{p=1} p' | head -400 >&2
	fi
	grep -E '^(API Operations|  Selected|  Tested|Test cases|  [0-9]+ generated)|=+ .* in [0-9.]+s =+$' "$data/st-$who.txt" | sed "s/^/schemathesis: $who: /"
done
exit "$status"
