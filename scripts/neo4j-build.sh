#!/usr/bin/env bash
# Builds the local Neo4j launcher (neo4jlocal/) when it is missing or out of date.
# Quiet and fast when already built; retries Maven (Central sometimes answers 429).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/neo4jlocal"
target="$dir/target"
stamp="$target/.kinmap-build-stamp"

up_to_date() {
	[[ -f "$stamp" && -d "$target/classes/kinmap" && -d "$target/lib" ]] || return 1
	[[ -z "$(find "$dir/pom.xml" "$dir/src" -newer "$stamp" -print -quit)" ]]
}

up_to_date && exit 0

mkdir -p "$target"
if command -v flock >/dev/null; then
	# Serialise concurrent builds (e.g. several test packages starting at once).
	exec 9>"$target/.kinmap-build.lock"
	flock 9
	up_to_date && exit 0
fi

command -v mvn >/dev/null || { echo "neo4j-build: mvn not found (apt-get install maven)" >&2; exit 1; }
command -v java >/dev/null || { echo "neo4j-build: java not found (need JDK 17+)" >&2; exit 1; }

echo "neo4j-build: building neo4jlocal with Maven (the first build downloads ~130 MB)" >&2
cd "$dir"
rm -rf "$target/lib" "$stamp" # no stale jars on the classpath
for attempt in 1 2 3 4 5; do
	# -q prints only errors (and Debian's mvn stray colour resets: drop them).
	if mvn -q -B -Dstyle.color=never -Dmaven.wagon.http.retryHandler.count=5 \
		package dependency:copy-dependencies -DoutputDirectory=target/lib -DincludeScope=runtime 2>&1 |
		sed -e 's/\x1b\[[0-9;]*m//g' -e '/^$/d' >&2; then
		touch "$stamp"
		exit 0
	fi
	if ((attempt < 5)); then
		delay=$((attempt * attempt * 5))
		echo "neo4j-build: maven failed (attempt $attempt/5); retrying in ${delay}s" >&2
		sleep "$delay"
	fi
done
echo "neo4j-build: maven failed 5 times" >&2
exit 1
