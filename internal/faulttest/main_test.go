package faulttest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/kinmap/kinmap/api"
	"github.com/kinmap/kinmap/auth"
	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
	"github.com/kinmap/kinmap/internal/neo4jlocal"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// requestTimeout is the deadline of the test server's requests; slack is
// what a response may take beyond it (scheduling on a loaded machine).
const (
	requestTimeout = 4 * time.Second
	slack          = 2 * time.Second
)

// db is the package's own Neo4j; tests that kill it restart it through
// restartDB, which replaces it.
var (
	dbMu sync.Mutex
	db   *neo4jlocal.Server
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	home, err := os.MkdirTemp("", "kinmap-faulttest-*")
	if err != nil {
		fmt.Fprintln(os.Stderr, "faulttest:", err)
		return 1
	}
	defer os.RemoveAll(home)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	t0 := time.Now()
	db, err = neo4jlocal.Start(ctx, neo4jlocal.Options{Home: home, Log: os.Stderr})
	if err != nil {
		fmt.Fprintln(os.Stderr, "faulttest: no Neo4j, no test was run:", err)
		return 1
	}
	fmt.Fprintf(os.Stderr, "faulttest: started Neo4j at %s in %s\n", db.URI(), time.Since(t0).Round(time.Millisecond))
	code := m.Run()
	dbMu.Lock()
	defer dbMu.Unlock()
	if err := db.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "faulttest:", err)
	}
	return code
}

func server() *neo4jlocal.Server {
	dbMu.Lock()
	defer dbMu.Unlock()
	return db
}

// killDB kills Neo4j; restartDB starts it again on the same data.
func killDB(t *testing.T) {
	t.Helper()
	if err := server().Kill(); err != nil {
		t.Fatalf("kill: %v", err)
	}
}

func restartDB(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dbMu.Lock()
	defer dbMu.Unlock()
	s, err := db.Restart(ctx)
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	db = s
}

// openStore opens a store on the package's Neo4j as kinmap serve does,
// with the same URI scheme given (bolt or neo4j).
func openStore(t *testing.T, scheme string) *neo4jstore.Store {
	t.Helper()
	srv := server()
	uri := scheme + srv.URI()[len("bolt"):]
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri, User: "neo4j", Password: srv.Password(), Timeout: requestTimeout}, 30*time.Second)
	if err != nil {
		t.Fatalf("open store at %s: %v", uri, err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}

// count runs a counting query (one row, one integer column n) on the
// package's Neo4j.
func count(t *testing.T, cypher string, params map[string]any) int64 {
	t.Helper()
	srv := server()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	d, err := neo4j.NewDriverWithContext(srv.URI(), neo4j.BasicAuth("neo4j", srv.Password(), ""))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, d, cypher, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("neo4j"))
	if err != nil {
		t.Fatalf("query: %v", err)
	}
	n, _, err := neo4j.GetRecordValue[int64](res.Records[0], "n")
	if err != nil {
		t.Fatalf("query: %v", err)
	}
	return n
}

// deleteGenerated removes the generated authority's records ("g-" ids).
func deleteGenerated(t *testing.T) {
	t.Helper()
	count(t, "MATCH (n) WHERE n.id STARTS WITH 'g-' DETACH DELETE n RETURN count(*) AS n", nil)
}

// kinmap is one kinmap server over a store, with a manager's and an
// admin's token.
type kinmap struct {
	url            string
	manager, admin string
	http           *http.Client
}

func startKinmap(t *testing.T, s *neo4jstore.Store) *kinmap {
	t.Helper()
	ctx := context.Background()
	demo, err := fixtures.All()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, &demo); err != nil {
		t.Fatalf("demo import: %v", err)
	}
	now := time.Now().UTC()
	_, mgr, err := auth.Issue(ctx, s, "manager-north", graph.RoleManager, []string{"team-north"}, time.Hour, now)
	if err != nil {
		t.Fatal(err)
	}
	_, adm, err := auth.Issue(ctx, s, "admin", graph.RoleAdmin, nil, time.Hour, now)
	if err != nil {
		t.Fatal(err)
	}
	cfg := api.Config{RateLimit: -1, Auth: auth.NewAuthenticator(s, nil), RequestTimeout: requestTimeout, MapCacheSize: -1}
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	hs := httptest.NewServer(api.New(cfg, s, log).Handler())
	t.Cleanup(hs.Close)
	return &kinmap{url: hs.URL, manager: mgr, admin: adm, http: &http.Client{Timeout: time.Minute}}
}

// outcome is one request's answer.
type outcome struct {
	route      string
	status     int // 0: no answer (transport error)
	took       time.Duration
	retryAfter string
	wrote      string // the id of the person a write created
}

func (k *kinmap) do(method, path, token string, body io.Reader) outcome {
	req, _ := http.NewRequest(method, k.url+path, body)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	t0 := time.Now()
	resp, err := k.http.Do(req)
	o := outcome{route: method + " " + path, took: time.Since(t0)}
	if err != nil {
		return o
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	o.took = time.Since(t0)
	o.status, o.retryAfter = resp.StatusCode, resp.Header.Get("Retry-After")
	return o
}
