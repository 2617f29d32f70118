package neo4jstore

import (
	"context"
	"errors"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ObserveErrors makes f hear the kind of every Neo4j error a transaction
// ends with (for metrics): connectivity, timeout, retries_exhausted,
// transient, client, database, constraint, auth, usage or other. Errors
// of kinmap's own checks are not Neo4j errors and are not reported. Call
// it before the store is used; f must return at once.
func (s *Store) ObserveErrors(f func(kind string)) { s.onErr = f }

func (s *Store) observeErr(err error) {
	if err == nil || s.onErr == nil {
		return
	}
	if k := errKind(err); k != "" {
		s.onErr(k)
	}
}

// errKind names the kind of a driver error; "" for domain errors and a
// caller's cancellation.
func errKind(err error) string {
	var derr *graph.Error
	var probs graph.Problems
	var nerr *neo4j.Neo4jError
	var cerr *neo4j.ConnectivityError
	var terr *neo4j.TransactionExecutionLimit
	var uerr *neo4j.UsageError
	switch {
	case errors.As(err, &derr), errors.As(err, &probs), errors.Is(err, context.Canceled):
		return ""
	case errors.As(err, &nerr):
		switch {
		case nerr.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
			return "constraint"
		case nerr.IsAuthenticationFailed():
			return "auth"
		}
		switch nerr.Classification() {
		case "TransientError":
			return "transient"
		case "ClientError":
			return "client"
		case "DatabaseError":
			return "database"
		}
		return "other"
	case errors.As(err, &cerr):
		return "connectivity"
	case errors.As(err, &terr):
		return "retries_exhausted"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.As(err, &uerr):
		return "usage"
	}
	return "other"
}
