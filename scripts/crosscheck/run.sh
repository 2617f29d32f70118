#!/usr/bin/env bash
# Cross-check kinmap's connected components, articulation points and
# betweenness against networkx. Exits non-zero on any difference.
#
# Installs a pinned networkx from PyPI into a virtual environment under
# .data/ (ignored by git), retrying on network errors; falls back to
# pip --user when a venv cannot be made. Run from anywhere: `make crosscheck`.
set -euo pipefail

NETWORKX_VERSION="3.6.1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
data="$root/.data/crosscheck"
venv="$data/venv"
mkdir -p "$data"

python="${PYTHON:-python3}"
command -v "$python" >/dev/null || { echo "crosscheck: $python not found" >&2; exit 1; }

retry() { # retry CMD...: three attempts, 5 and 15 seconds apart
	local delay
	for delay in 5 15 0; do
		"$@" && return 0
		[ "$delay" = 0 ] && break
		echo "crosscheck: '$*' failed, retrying in ${delay}s" >&2
		sleep "$delay"
	done
	return 1
}

have_networkx() { "$1" -c "import networkx, sys; sys.exit(networkx.__version__ != '$NETWORKX_VERSION')" 2>/dev/null; }

if [ -x "$venv/bin/python" ] || "$python" -m venv "$venv" 2>/dev/null; then
	py="$venv/bin/python"
	have_networkx "$py" || retry "$py" -m pip install --quiet --disable-pip-version-check "networkx==$NETWORKX_VERSION"
else
	echo "crosscheck: no venv available, using pip --user" >&2
	py="$python"
	have_networkx "$py" || retry "$py" -m pip install --quiet --user --disable-pip-version-check "networkx==$NETWORKX_VERSION"
fi
have_networkx "$py" || { echo "crosscheck: networkx $NETWORKX_VERSION is not installed" >&2; exit 1; }

export="$data/graphs.json"
go run ./scripts/crosscheck -out "$export" "$@"
"$py" scripts/crosscheck/crosscheck.py "$export"
