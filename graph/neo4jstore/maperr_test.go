package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestMapErrUnavailable: every error a stalled or dead server can give
// the store becomes graph.ErrUnavailable (503), never an unknown error
// (500): under a paused Neo4j, GET /flags answered 500 with
// "neo4j *errors.errorString". Errors in kinmap's own use of the driver
// stay unknown.
func TestMapErrUnavailable(t *testing.T) {
	unavailable := []error{
		errors.New("invalid stream handle"),
		fmt.Errorf("acquiring: %w", errors.New("timeout")),
		context.DeadlineExceeded,
		fmt.Errorf("tx: %w", context.DeadlineExceeded),
		context.Canceled,
		&neo4j.ConnectivityError{Inner: errors.New("EOF")},
		&neo4j.TransactionExecutionLimit{Cause: "timeout"},
		&neo4j.UsageError{Message: "x"}, // replaced below by a wrapped deadline
		&neo4j.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable"},
		&neo4j.Neo4jError{Code: "Neo.DatabaseError.General.UnknownError"},
		&neo4j.Neo4jError{Code: "Neo.ClientError.Cluster.NotALeader"},
	}
	unavailable[7] = fmt.Errorf("%w: %w", &neo4j.UsageError{Message: "x"}, context.DeadlineExceeded)
	for _, err := range unavailable {
		if got := mapErr(err); !errors.Is(got, graph.ErrUnavailable) {
			t.Errorf("mapErr(%T %v) = %v, want graph.ErrUnavailable", err, err, got)
		}
	}
	for _, err := range []error{
		&neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"},
		&neo4j.UsageError{Message: "session closed"},
	} {
		if got := mapErr(err); errors.Is(got, graph.ErrUnavailable) {
			t.Errorf("mapErr(%T %v) = %v, want an error that is not graph.ErrUnavailable", err, err, got)
		}
	}
}
