package neo4jstore

import (
	"context"
	"testing"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/neo4jtest"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestRetriedChangeHasExactlyOneAuditEvent: when the driver runs a
// change's work again after a transient error (a deadlock, a leader
// switch), the rolled-back attempt's event goes with it, and the
// committed change has exactly one.
func TestRetriedChangeHasExactlyOneAuditEvent(t *testing.T) {
	neo4jtest.Reset(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := New(ctx, neo4jtest.Driver())
	if err != nil {
		t.Fatal(err)
	}
	built := 0
	a := &graph.ChangeAudit{Event: func() graph.AuditEvent {
		built++
		return graph.AuditEvent{ID: graph.NewAuditID(), At: time.Now().UTC(), User: "worker-retry", Role: graph.RoleWorker,
			Action: "create_person", Outcome: graph.OutcomeAllowed, Status: 201}
	}}
	attempts := 0
	work := withChangeAudit(ctx, a, func(tx neo4j.ManagedTransaction) (any, error) {
		attempts++
		_, err := collect(ctx, tx, "CREATE (:RetryProbe {n: $n})", map[string]any{"n": attempts})
		return nil, err
	})
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	_, err = sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		out, err := work(tx)
		if err == nil && attempts == 1 {
			// After the change and its event were written: the driver
			// rolls the attempt back and runs it again.
			return nil, &neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected", Msg: "synthetic"}
		}
		return out, err
	})
	if err != nil {
		t.Fatalf("write: %v", err)
	}
	if built != 2 {
		t.Errorf("event built %d times, want 2 (once per attempt)", built)
	}
	if attempts != 2 {
		t.Fatalf("work ran %d times, want 2 (one retry)", attempts)
	}
	events, err := s.Audit(ctx, graph.AuditFilter{User: "worker-retry"})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 {
		t.Errorf("a retried change left %d audit events, want 1", len(events))
	}
	if nodes, _ := neo4jtest.Counts(t); nodes != 1 { // audit events are not counted
		t.Errorf("%d probe nodes after the retried change, want 1", nodes)
	}
}
