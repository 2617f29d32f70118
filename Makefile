# kinmap: the two commands that matter are `make run` and `make test`.
SHELL := /bin/bash
GO    ?= go
# The Go toolchain kinmap is built, tested and checked with: 1.27.3 carries
# the fixes for the standard library's known vulnerabilities that 1.26.8
# has (govulncheck, make vulncheck); the go command fetches it from the Go
# module proxy once (about 76 MB). Set GOTOOLCHAIN=local to use your own.
export GOTOOLCHAIN ?= go1.27.3
BIN   := bin/kinmap
# The dev default password of the local Neo4j; override in the environment.
export NEO4J_PASSWORD ?= kinmap-dev-password
# Development key for the evaluators' pseudonymised export; set your own.
export KINMAP_PSEUDONYM_KEY ?= kinmap-dev-pseudonym-key

.PHONY: all build run smoke neo4j neo4j-stop stop test vet fmt crosscheck bench bench-maps bench-authority clean fuzz schemathesis soak-maps e2e

all: build

build:
	$(GO) build -o $(BIN) ./cmd/kinmap

# run: a local Neo4j unless NEO4J_URI points elsewhere, the demo families,
# then the server (prints its URL; Ctrl-C stops the server, `make stop`
# stops the local Neo4j).
run: build
	@if [ -z "$$NEO4J_URI" ]; then NEO4J_URI=$$(scripts/neo4j-start.sh) || exit 1; export NEO4J_URI; fi; \
	exec ./$(BIN) serve --demo

# smoke: `make run` as a user runs it, checked from outside with curl.
smoke:
	scripts/smoke-run.sh

# neo4j: start the local Neo4j (data in .data/neo4j) and wait for Bolt.
neo4j:
	scripts/neo4j-start.sh

neo4j-stop stop:
	scripts/neo4j-stop.sh

# test: vet, then every test with the race detector. Storage and API tests
# start their own throw-away Neo4j (once per package) unless
# KINMAP_TEST_NEO4J_URI names a server.
test: vet
	scripts/neo4j-build.sh
	$(GO) test -race -count=1 -timeout 30m ./...
	$(MAKE) --no-print-directory e2e

# e2e: the web app in real Chromium (playwright-core, axe-core) against a
# throw-away Neo4j and `kinmap serve --demo`; screenshots in out/screenshots.
e2e:
	scripts/e2e.sh

vet:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi

fmt:
	gofmt -w $$(git ls-files '*.go')

# crosscheck: compare kinmap's graph analyses with networkx on a generated
# authority (installs networkx from PyPI into .data/venv).
crosscheck:
	scripts/crosscheck/run.sh

# fuzz: every Go fuzz target for FUZZTIME (10s) each, on its seed corpus.
fuzz:
	scripts/fuzz.sh

# vulncheck: govulncheck over every package (a known vulnerability in code
# kinmap calls fails); offline, the database is built from the
# golang.org/x/vulndb module (scripts/vulncheck.sh).
.PHONY: vulncheck
vulncheck:
	scripts/vulncheck.sh

# schemathesis: the OpenAPI document checked against a fresh kinmap and a
# throw-away Neo4j, as a worker and as an admin (installs schemathesis from
# PyPI into .data/venv-schemathesis).
schemathesis:
	scripts/schemathesis/run.sh

# bench: Go benchmarks (storage ones start their own Neo4j).
bench:
	scripts/neo4j-build.sh
	$(GO) test -run '^$$' -bench . -benchmem -count=1 -timeout 60m ./...

# bench-maps: kinmap's renderer side by side with the Graphviz CLI.
bench-maps:
	scripts/bench-maps.sh

# bench-load: req/s, p50/p99 and RSS of `kinmap serve --demo` under load (a
# throw-away Neo4j on private ports), next to the one-audit-transaction-per-
# request baseline. BENCH_LOAD_SECONDS (60) per scenario; see the script.
.PHONY: bench-load
bench-load:
	scripts/bench-load.sh

# soak-maps: draw 20,000 distinct maps, RSS every 1,000; fails if the RSS
# ends more than 20% above where it was after the first 1,000 (~20 min).
soak-maps:
	scripts/soak-maps.sh

# bench-authority: import and report at authority and national scale, next
# to the same report in pure Cypher and networkx (BENCH_AUTHORITY_SIZES).
bench-authority:
	scripts/bench-authority.sh

clean:
	rm -rf bin out
