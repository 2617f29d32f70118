package neo4jtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kinmap/kinmap/internal/neo4jlocal"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Environment variables read by Run.
const (
	EnvURI      = "KINMAP_TEST_NEO4J_URI"
	EnvPassword = "KINMAP_TEST_NEO4J_PASSWORD"
)

// connectTimeout bounds the wait for VerifyConnectivity.
const connectTimeout = 120 * time.Second

var (
	driver   neo4j.DriverWithContext
	uri      string
	password string
	local    *neo4jlocal.Server
)

// Server is the throw-away Neo4j Run started, for tests that pause or
// kill it (neo4jlocal.Server's Pause, Resume, Kill, Restart); nil when
// the tests use a server named by KINMAP_TEST_NEO4J_URI. A package that
// kills its server should start its own (internal/faulttest does).
func Server() *neo4jlocal.Server { return local }

// Password is the password of the neo4j user on the server used by Run.
func Password() string { return password }

// Driver is the driver opened by Run; nil outside Run.
func Driver() neo4j.DriverWithContext { return driver }

// URI is the Bolt address of the server used by Run.
func URI() string { return uri }

// Run starts or connects to Neo4j, runs the tests, then closes the driver and
// stops the throw-away server. Use it as os.Exit(neo4jtest.Run(m)).
func Run(m *testing.M) int {
	cleanup, err := setUp()
	if err != nil {
		fmt.Fprintf(os.Stderr, "neo4jtest: no Neo4j for the tests, none were run: %v\n", err)
		if os.Getenv(EnvURI) == "" {
			fmt.Fprintf(os.Stderr, "neo4jtest: needs java 17+ and maven (or a server: %s=bolt://127.0.0.1:7687 after `make neo4j`)\n", EnvURI)
		}
		return 1
	}
	code := m.Run()
	if err := cleanup(); err != nil {
		fmt.Fprintf(os.Stderr, "neo4jtest: cleanup: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// setUp opens the driver and returns the function that undoes setUp.
func setUp() (func() error, error) {
	ctx := context.Background()
	password = firstNonEmpty(os.Getenv(EnvPassword), os.Getenv("NEO4J_PASSWORD"), neo4jlocal.DefaultPassword)
	pw := password
	var srv *neo4jlocal.Server
	var tmp string
	stop := func() error {
		var err error
		if srv != nil {
			err = srv.Stop()
		}
		if tmp != "" {
			err = errors.Join(err, os.RemoveAll(tmp))
		}
		return err
	}

	uri = os.Getenv(EnvURI)
	if uri == "" {
		var err error
		if tmp, err = os.MkdirTemp("", "kinmap-neo4jtest-*"); err != nil {
			return nil, fmt.Errorf("temp dir: %w", err)
		}
		t0 := time.Now()
		srv, err = neo4jlocal.Start(ctx, neo4jlocal.Options{Home: tmp, Password: pw, Log: os.Stderr})
		if err != nil {
			return nil, errors.Join(err, stop())
		}
		uri, local = srv.URI(), srv
		fmt.Fprintf(os.Stderr, "neo4jtest: started Neo4j at %s in %s\n", uri, time.Since(t0).Round(time.Millisecond))
	}

	d, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth("neo4j", pw, ""))
	if err != nil {
		return nil, errors.Join(fmt.Errorf("driver for %s: %w", uri, err), stop())
	}
	if err := waitConnected(ctx, d); err != nil {
		return nil, errors.Join(fmt.Errorf("connect to %s: %w", uri, err), d.Close(ctx), stop())
	}
	driver = d
	return func() error {
		driver = nil
		return errors.Join(d.Close(context.Background()), stop())
	}, nil
}

// waitConnected polls VerifyConnectivity until it succeeds, connectTimeout
// passes or the server rejects the credentials.
func waitConnected(ctx context.Context, d neo4j.DriverWithContext) error {
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	for {
		err := d.VerifyConnectivity(ctx)
		if err == nil {
			return nil
		}
		var nerr *neo4j.Neo4jError
		if errors.As(err, &nerr) && strings.HasPrefix(nerr.Code, "Neo.ClientError.Security.") {
			return err // a wrong password does not get better by waiting
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("not reachable within %s: %w", connectTimeout, err)
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// Reset deletes every node and relationship (indexes and constraints stay).
func Reset(t testing.TB) {
	t.Helper()
	if _, err := query(t, "MATCH (n) DETACH DELETE n"); err != nil {
		t.Fatalf("neo4jtest: reset: %v", err)
	}
}

// Counts returns how many nodes and relationships of the records the
// database holds: audit events and API tokens are not counted, since
// every request (a refused one too) appends to the audit trail, nor the
// store version node every write bumps, nor the report's stored
// projection (a copy made from the records by a report).
func Counts(t testing.TB) (nodes, rels int64) {
	t.Helper()
	res, err := query(t, `CALL { MATCH (n) WHERE NOT n:AuditEvent AND NOT n:ApiToken AND NOT n:StoreVersion AND NOT n:ReportProjection RETURN count(n) AS nodes }
CALL { MATCH ()-[r]->() RETURN count(r) AS rels }
RETURN nodes, rels`)
	if err != nil {
		t.Fatalf("neo4jtest: counts: %v", err)
	}
	rec := res.Records[0]
	n, _, err1 := neo4j.GetRecordValue[int64](rec, "nodes")
	r, _, err2 := neo4j.GetRecordValue[int64](rec, "rels")
	if err := errors.Join(err1, err2); err != nil {
		t.Fatalf("neo4jtest: counts: %v", err)
	}
	return n, r
}

// StoredProjections returns how many pages of the report's projection
// are stored (neo4jstore's projection_stored.go), of any version.
func StoredProjections(t testing.TB) int64 {
	t.Helper()
	res, err := query(t, "MATCH (s:ReportProjection) RETURN count(s) AS n")
	if err != nil {
		t.Fatalf("neo4jtest: stored projections: %v", err)
	}
	n, _, err := neo4j.GetRecordValue[int64](res.Records[0], "n")
	if err != nil {
		t.Fatalf("neo4jtest: stored projections: %v", err)
	}
	return n
}

func query(t testing.TB, cypher string) (*neo4j.EagerResult, error) {
	t.Helper()
	if driver == nil {
		t.Fatal("neo4jtest: no driver; call neo4jtest.Run from TestMain")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return neo4j.ExecuteQuery(ctx, driver, cypher, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase("neo4j"))
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
