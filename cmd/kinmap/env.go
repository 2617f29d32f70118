package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// Defaults for the environment variables README.md documents.
const (
	defaultURI      = "bolt://127.0.0.1:7687"
	defaultUser     = "neo4j"
	defaultPassword = "kinmap-dev-password"
	defaultAddr     = ":8080"
)

// env is what every command shares: configuration, output, the store
// (opened on first use).
type env struct {
	stdout, stderr io.Writer
	store          *neo4jstore.Store
}

func newEnv(stdout, stderr io.Writer) *env { return &env{stdout: stdout, stderr: stderr} }

func getenv(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// secret reads NAME, or the file named by NAME_FILE, or def.
func secret(name, def string) (string, error) {
	if f := os.Getenv(name + "_FILE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("read %s_FILE: %w", name, err)
		}
		return string(trimNewline(b)), nil
	}
	return getenv(name, def), nil
}

func trimNewline(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// openStore connects to Neo4j as configured, waiting up to
// KINMAP_NEO4J_WAIT (default 60s) for it to answer.
func (e *env) openStore(ctx context.Context) (*neo4jstore.Store, error) {
	if e.store != nil {
		return e.store, nil
	}
	pw, err := secret("NEO4J_PASSWORD", defaultPassword)
	if err != nil {
		return nil, err
	}
	if os.Getenv("NEO4J_URI") != "" && os.Getenv("NEO4J_PASSWORD") == "" && os.Getenv("NEO4J_PASSWORD_FILE") == "" {
		fmt.Fprintln(e.stderr, "kinmap: NEO4J_PASSWORD is not set: trying the development password, which is for local use only")
	}
	wait, err := time.ParseDuration(getenv("KINMAP_NEO4J_WAIT", "60s"))
	if err != nil {
		return nil, fmt.Errorf("KINMAP_NEO4J_WAIT: %w", err)
	}
	timeout, err := requestTimeout()
	if err != nil {
		return nil, err
	}
	cfg := neo4jstore.Config{URI: getenv("NEO4J_URI", defaultURI), User: getenv("NEO4J_USER", defaultUser),
		Password: pw, Database: os.Getenv("NEO4J_DATABASE"), Timeout: timeout}
	s, err := neo4jstore.Open(ctx, cfg, wait)
	if err != nil {
		return nil, err
	}
	e.store = s
	return s, nil
}

// requestTimeout reads KINMAP_REQUEST_TIMEOUT (default 10s): every API
// request's deadline, which the driver's timeouts are fitted inside.
func requestTimeout() (time.Duration, error) {
	t, err := time.ParseDuration(getenv("KINMAP_REQUEST_TIMEOUT", "10s"))
	if err != nil || t <= 0 {
		return 0, fmt.Errorf("KINMAP_REQUEST_TIMEOUT: want a positive duration such as 10s, got %q", os.Getenv("KINMAP_REQUEST_TIMEOUT"))
	}
	return t, nil
}

func (e *env) close() {
	if e.store != nil {
		_ = e.store.Close(context.Background())
	}
}
