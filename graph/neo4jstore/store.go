package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Config says how to reach Neo4j.
type Config struct {
	URI      string // bolt://127.0.0.1:7687
	User     string // neo4j
	Password string
	Database string // "" for the default database
}

// Store is kinmap's storage over Neo4j. It is safe for concurrent use.
type Store struct {
	driver        neo4j.DriverWithContext
	db            string
	singleTxLimit int
	batchSize     int
	onErr         func(kind string) // nil: none; see ObserveErrors
}

// Open connects to Neo4j, waits up to wait for it to answer, and applies
// the schema.
func Open(ctx context.Context, cfg Config, wait time.Duration) (*Store, error) {
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""),
		func(c *config.Config) {
			c.SocketConnectTimeout = 5 * time.Second
			c.ConnectionAcquisitionTimeout = 10 * time.Second
			c.MaxTransactionRetryTime = 10 * time.Second
		})
	if err != nil {
		return nil, fmt.Errorf("neo4j driver: %w", err)
	}
	s := &Store{driver: d, db: cfg.Database, singleTxLimit: SingleTxLimit, batchSize: BatchSize}
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
	s := &Store{driver: d, singleTxLimit: SingleTxLimit, batchSize: BatchSize}
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

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.db})
}

// write runs work in one write transaction (retried by the driver on
// transient errors) and maps driver errors. The audit event of the change
// ctx carries (graph.ChangeAudit) is appended in the same transaction,
// and the transaction also bumps the store version (version.go).
func (s *Store) write(ctx context.Context, work neo4j.ManagedTransactionWork) (any, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	audit := graph.ChangeAuditFrom(ctx)
	out, err := sess.ExecuteWrite(ctx, versioned(ctx, withChangeAudit(ctx, audit, work)))
	s.observeErr(err)
	if err == nil && audit != nil {
		audit.MarkCommitted()
	}
	return out, mapErr(err)
}

// read runs work in one read transaction and maps driver errors.
func (s *Store) read(ctx context.Context, work neo4j.ManagedTransactionWork) (any, error) {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	out, err := sess.ExecuteRead(ctx, work)
	s.observeErr(err)
	return out, mapErr(err)
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
		case nerr.Classification() == "TransientError", nerr.IsAuthenticationFailed():
			return &driverError{what: "neo4j " + nerr.Code, kind: graph.ErrUnavailable, err: err}
		}
		return &driverError{what: "neo4j " + nerr.Code, err: err}
	}
	var cerr *neo4j.ConnectivityError
	var uerr *neo4j.UsageError
	var terr *neo4j.TransactionExecutionLimit
	switch {
	case errors.As(err, &cerr), errors.As(err, &terr), errors.Is(err, context.DeadlineExceeded):
		return &driverError{what: fmt.Sprintf("neo4j %T", err), kind: graph.ErrUnavailable, err: err}
	case errors.As(err, &uerr):
		return &driverError{what: "neo4j usage error", err: err}
	}
	return &driverError{what: fmt.Sprintf("neo4j %T", err), err: err}
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
