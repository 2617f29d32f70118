# kinmap: the two commands that matter are `make run` and `make test`.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/kinmap
# The dev default password of the local Neo4j; override in the environment.
export NEO4J_PASSWORD ?= kinmap-dev-password
# Development key for the evaluators' pseudonymised export; set your own.
export KINMAP_PSEUDONYM_KEY ?= kinmap-dev-pseudonym-key

.PHONY: all build run smoke neo4j neo4j-stop stop test vet fmt crosscheck bench bench-maps clean e2e

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

# bench: Go benchmarks (storage ones start their own Neo4j).
bench:
	scripts/neo4j-build.sh
	$(GO) test -run '^$$' -bench . -benchmem -count=1 -timeout 60m ./...

# bench-maps: kinmap's renderer side by side with the Graphviz CLI.
bench-maps:
	scripts/bench-maps.sh

clean:
	rm -rf bin out
