#!/usr/bin/env bash
# govulncheck (golang.org/x/vuln) over every kinmap package: exits non-zero
# when code kinmap calls has a known vulnerability, in a dependency or in
# the Go standard library of the toolchain in use.
#
# The database: VULNCHECK_DB (a URL or file:///DIR) if set; else
# vuln.go.dev when it answers; else one built here from the
# golang.org/x/vulndb module (its data/osv), fetched through the Go module
# proxy at VULNDB_VERSION and indexed with its cmd/indexdb into
# .data/vulndb-VERSION (kept; about 40 MB, first build a few minutes).
# That snapshot is as new as VULNDB_VERSION: move it on with the others.
# A finding listed in scripts/vulncheck-accepted.txt (with why it does not
# reach kinmap) is printed and allowed; any other fails.
# Env: VULNCHECK_DB, VULN_VERSION (v1.9.0), VULNDB_VERSION.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

vuln="${VULN_VERSION:-v1.9.0}"
vulndb="${VULNDB_VERSION:-v0.0.0-20261105234957-e22db6528018}"
db="${VULNCHECK_DB:-}"

if [[ -z "$db" ]] && curl -sf --max-time 10 -o /dev/null https://vuln.go.dev/index/db.json; then
	db=https://vuln.go.dev
fi
if [[ -z "$db" ]]; then
	out="$PWD/.data/vulndb-$vulndb"
	if [[ ! -f "$out/index/db.json" ]]; then
		echo "vulncheck: vuln.go.dev is not reachable: building the database from golang.org/x/vulndb@$vulndb" >&2
		src="$(go mod download -json "golang.org/x/vulndb@$vulndb" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
		[[ -d "$src/data/osv" ]] || { echo "vulncheck: no data/osv in golang.org/x/vulndb@$vulndb" >&2; exit 1; }
		rm -rf "$out.tmp"
		mkdir -p "$(dirname "$out")"
		go run "golang.org/x/vulndb/cmd/indexdb@$vulndb" -vulns "$src/data/osv" -out "$out.tmp"
		mv "$out.tmp" "$out"
	fi
	db="file://$out"
fi
echo "vulncheck: database $db, $(go version)" >&2
json="$(mktemp)"
trap 'rm -f "$json"' EXIT
go run "golang.org/x/vuln/cmd/govulncheck@$vuln" -db "$db" -format json ./... >"$json"
# The findings in code kinmap calls (a trace that reaches a function),
# each once, against the accepted list.
python3 - "$json" scripts/vulncheck-accepted.txt <<'PY'
import json, sys
text, dec, i, called, summary = open(sys.argv[1]).read(), json.JSONDecoder(), 0, {}, {}
while True:
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        break
    msg, i = dec.raw_decode(text, i)
    if "osv" in msg:
        summary[msg["osv"]["id"]] = msg["osv"].get("summary", "")
    f = msg.get("finding")
    if f and f.get("trace") and f["trace"][0].get("function"):
        called[f["osv"]] = f.get("fixed_version") or "no fixed version"
accepted = {}
for line in open(sys.argv[2]):
    if line.strip() and not line.startswith("#"):
        vid, _, why = line.strip().partition(" ")
        accepted[vid] = why
bad = 0
for vid in sorted(called):
    if vid in accepted:
        print(f"vulncheck: accepted {vid} ({summary.get(vid, '')}): {accepted[vid]}")
    else:
        bad += 1
        print(f"vulncheck: FOUND {vid}: {summary.get(vid, '')} (fixed in {called[vid]})", file=sys.stderr)
print(f"vulncheck: {len(called)} vulnerabilities in code kinmap calls, {len(called) - bad} accepted, {bad} not")
sys.exit(1 if bad else 0)
PY
