package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Config says how to reach Neo4j.
type Config struct {
	// URI is bolt://host:7687 for one server, or neo4j://host:7687 (with
	// +s or +ssc for TLS, on either scheme) for a cluster or Aura: the
	// driver then routes writes to the leader and reads to any member.
	URI      string
	User     string // neo4j
	Password string
	Database string // "" for the default database
	// Timeout is the deadline a caller's request must be answered in
	// (KINMAP_REQUEST_TIMEOUT); the driver's connect, acquisition and
	// retry timeouts are cut to fit inside it. 0 means 10 s.
	Timeout time.Duration
	// Zone decides which date "today" is when a caller gives none
	// (KINMAP_TIME_ZONE); nil means Europe/London (graph.London).
	Zone *time.Location
}

// driverTimeouts sets the driver's timeouts to fit in one request of
// length t: a stalled server costs a request at most t, never the
// driver's own defaults (a minute to acquire a connection, 30 s of
// retries), and a request still has time to answer 503 after them.
func driverTimeouts(c *config.Config, t time.Duration) {
	if t <= 0 {
		t = 10 * time.Second
	}
	c.SocketConnectTimeout = max(t/4, time.Second)
	c.ConnectionAcquisitionTimeout = max(t/2, time.Second)
	c.MaxTransactionRetryTime = max(t/2, time.Second)
	c.SocketKeepalive = true
}

// Store is kinmap's storage over Neo4j. It is safe for concurrent use.
type Store struct {
	driver        neo4j.DriverWithContext
	bookmarks     neo4j.BookmarkManager // one for the process: see session
	db            string
	singleTxLimit int
	batchSize     int
	onErr         func(kind string) // nil: none; see ObserveErrors
	zone          *time.Location    // nil: graph.London; see today
	gateOnce      sync.Once         // see projectionGate
	gate          chan struct{}
}

// today is the date it is now in the store's zone: what a query given no
// date is answered for.
func (s *Store) today() graph.Date { return graph.TodayIn(s.zone) }

// Open connects to Neo4j, waits up to wait for it to answer, and applies
// the schema.
func Open(ctx context.Context, cfg Config, wait time.Duration) (*Store, error) {
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""),
		func(c *config.Config) { driverTimeouts(c, cfg.Timeout) })
	if err != nil {
		return nil, fmt.Errorf("neo4j driver: %w", err)
	}
	s := &Store{driver: d, bookmarks: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{}), db: cfg.Database,
		singleTxLimit: SingleTxLimit, batchSize: BatchSize, zone: cfg.Zone}
	if err := s.waitReady(ctx, wait); err != nil {
		d.Close(ctx)
		return nil, err
	}
	if err := s.ApplySchema(ctx); err != nil {
		d.Close(ctx)
		return nil, err
	}
	return s, nil
}

// New wraps an existing driver (for tests) and applies the schema.
func New(ctx context.Context, d neo4j.DriverWithContext) (*Store, error) {
	s := &Store{driver: d, bookmarks: neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{}),
		singleTxLimit: SingleTxLimit, batchSize: BatchSize}
	if err := s.ApplySchema(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Store) waitReady(ctx context.Context, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for {
		err := s.driver.VerifyConnectivity(ctx)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("neo4j not reachable: %w: %w", graph.ErrUnavailable, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// Close closes the driver.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping reports whether Neo4j answers a query now.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.read(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, "RETURN 1", nil)
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	})
	return err
}

// session opens a session that shares the store's one bookmark manager:
// every transaction waits for the writes committed before it by this
// process, so on a cluster a read after a write sees it on whichever
// member serves the read (causal consistency across sessions). Other
// kinmap processes sharing the database see it as soon as it is
// replicated.
func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.db, BookmarkManager: s.bookmarks})
}

// writeTx runs work in one write transaction (retried by the driver on
// transient errors) and maps driver errors. The audit event of the change
// ctx carries (graph.ChangeAudit) is appended in the same transaction, which
// also bumps the store version (version.go).
func writeTx[T any](ctx context.Context, s *Store, work neo4j.ManagedTransactionWorkT[T]) (T, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	audit := graph.ChangeAuditFrom(ctx)
	out, err := neo4j.ExecuteWrite(ctx, sess, versioned(ctx, withChangeAudit(ctx, audit, work)))
	s.observeErr(err)
	if err == nil && audit != nil {
		audit.MarkCommitted()
	}
	return out, mapErr(err)
}

// readTx runs work in one read transaction and maps driver errors.
func readTx[T any](ctx context.Context, s *Store, work neo4j.ManagedTransactionWorkT[T]) (T, error) {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	out, err := neo4j.ExecuteRead(ctx, sess, work)
	s.observeErr(err)
	return out, mapErr(err)
}

// write is writeTx for work typed any (mostly work whose result is not
// used).
func (s *Store) write(ctx context.Context, work neo4j.ManagedTransactionWork) (any, error) {
	out, err := writeTx(ctx, s, boxed(work))
	return out.v, err
}

// read is readTx for work typed any.
func (s *Store) read(ctx context.Context, work neo4j.ManagedTransactionWork) (any, error) {
	out, err := readTx(ctx, s, boxed(work))
	return out.v, err
}

// box holds a result typed any: the driver's generic helpers assert
// their result to T, and a nil interface does not assert to any.
type box struct{ v any }

func boxed(work neo4j.ManagedTransactionWork) neo4j.ManagedTransactionWorkT[box] {
	return func(tx neo4j.ManagedTransaction) (box, error) {
		v, err := work(tx)
		return box{v}, err
	}
}

// mapErr turns driver errors into domain errors. Domain errors returned by
// transaction functions pass through unchanged. The text of a mapped
// error names the driver's error code or type, never its message: a
// server message can quote the data a query was given, and these errors
// reach the logs.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var derr *graph.Error
	var probs graph.Problems
	if errors.As(err, &derr) || errors.As(err, &probs) {
		return err
	}
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) {
		switch {
		case nerr.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
			return &graph.Error{Kind: graph.ErrConflict, Field: "id", Message: "a record with this id already exists"}
		case nerr.Classification() == "TransientError", nerr.Classification() == "DatabaseError",
			nerr.IsAuthenticationFailed(), unavailableCodes[nerr.Code]:
			return &driverError{what: "neo4j " + nerr.Code, kind: graph.ErrUnavailable, err: err}
		}
		return &driverError{what: "neo4j " + nerr.Code, err: err} // a query kinmap got wrong
	}
	var uerr *neo4j.UsageError
	if errors.As(err, &uerr) && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
		return &driverError{what: "neo4j usage error", err: err} // kinmap used the driver wrongly
	}
	// Everything else is the server or the way to it failing: connectivity
	// errors, retries used up, the pool's acquisition timeout, a deadline
	// or a cancelled request, and the driver's plain errors (*errors.
	// errorString) from a connection that died mid-stream.
	return &driverError{what: fmt.Sprintf("neo4j %T", err), kind: graph.ErrUnavailable, err: err}
}

// unavailableCodes are client-classified codes that mean "not now"
// rather than "wrong query": a cluster member that cannot take the
// request (a follower, a database being started or stopped).
var unavailableCodes = map[string]bool{
	"Neo.ClientError.Cluster.NotALeader":                  true,
	"Neo.ClientError.General.ForbiddenOnReadOnlyDatabase": true,
	"Neo.ClientError.Database.DatabaseUnavailable":        true,
	"Neo.ClientError.Security.AuthorizationExpired":       true,
}

// driverError is a driver error as the rest of kinmap sees it: Error
// names what failed without the driver's message; errors.Is and errors.As
// still reach the domain kind (graph.ErrUnavailable) and the driver error.
type driverError struct {
	what string
	kind error // nil, or graph.ErrUnavailable
	err  error
}

func (e *driverError) Error() string {
	if e.kind != nil {
		return e.kind.Error() + ": " + e.what
	}
	return e.what
}

func (e *driverError) Unwrap() []error {
	if e.kind != nil {
		return []error{e.kind, e.err}
	}
	return []error{e.err}
}

// collect runs a query in tx and returns all records.
func collect(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}
