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
echo "vulncheck: database $db" >&2
exec go run "golang.org/x/vuln/cmd/govulncheck@$vuln" -db "$db" ./...
