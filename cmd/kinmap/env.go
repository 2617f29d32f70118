package main

import (
	"context"
	"fmt"
	"io"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// env is what every command shares: the configuration (read once at
// start, config.go), output, the store (opened on first use).
type env struct {
	stdout, stderr io.Writer
	cfg            config
	store          *neo4jstore.Store
}

func newEnv(stdout, stderr io.Writer, cfg config) *env {
	return &env{stdout: stdout, stderr: stderr, cfg: cfg}
}

// today is the date it is now where kinmap works (KINMAP_TIME_ZONE).
func (e *env) today() graph.Date { return e.cfg.today() }

// openStore connects to Neo4j as configured, waiting up to
// KINMAP_NEO4J_WAIT for it to answer.
func (e *env) openStore(ctx context.Context) (*neo4jstore.Store, error) {
	if e.store != nil {
		return e.store, nil
	}
	if e.cfg.DevNeo4jPW {
		fmt.Fprintln(e.stderr, "kinmap: NEO4J_PASSWORD is not set: trying the development password, which is for local use only")
	}
	s, err := neo4jstore.Open(ctx, e.cfg.Neo4j, e.cfg.Neo4jWait)
	if err != nil {
		return nil, err
	}
	e.store = s
	return s, nil
}

func (e *env) close() {
	if e.store != nil {
		_ = e.store.Close(context.Background())
	}
}
