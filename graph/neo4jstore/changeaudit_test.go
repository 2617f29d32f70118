package neo4jstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// changeEvent is the audit event a change carries into its transaction.
func changeEvent(id string) graph.AuditEvent {
	return graph.AuditEvent{ID: id, At: time.Now().UTC(), User: "worker-tx", Role: graph.RoleWorker,
		Action: "create_person", Record: "t-txp", Outcome: graph.OutcomeAllowed, Status: 201}
}

func eventsOf(t *testing.T, s *neo4jstore.Store, ctx context.Context, user string) []graph.AuditEvent {
	t.Helper()
	got, err := s.Audit(ctx, graph.AuditFilter{User: user})
	if err != nil {
		t.Fatalf("Audit: %v", err)
	}
	return got
}

func TestChangeCommitsWithExactlyOneAuditEvent(t *testing.T) {
	s, ctx := fresh(t)
	a := &graph.ChangeAudit{Event: func() graph.AuditEvent { return changeEvent("ae-tx-ok") }}
	cctx := graph.WithChangeAudit(ctx, a)
	if err := s.CreatePerson(cctx, graph.Person{ID: "t-txp", FullName: "Tx Person", AgeBand: graph.AgeAdult}); err != nil {
		t.Fatalf("CreatePerson: %v", err)
	}
	if !a.Committed() {
		t.Errorf("Committed() = false after the change committed")
	}
	// A second write in the same request (a later import batch) carries
	// no second event.
	if err := s.UpdatePerson(cctx, graph.Person{ID: "t-txp", FullName: "Tx Person Two", AgeBand: graph.AgeAdult}); err != nil {
		t.Fatalf("UpdatePerson: %v", err)
	}
	got := eventsOf(t, s, ctx, "worker-tx")
	if len(got) != 1 || got[0].ID != "ae-tx-ok" || got[0].Record != "t-txp" || got[0].Status != 201 {
		t.Errorf("audit events = %+v, want exactly ae-tx-ok", got)
	}
	// A separate append from the same context stores its own event only.
	sep := changeEvent("ae-tx-sep")
	if err := s.AppendAudit(cctx, sep); err != nil {
		t.Fatalf("AppendAudit: %v", err)
	}
	if got := eventsOf(t, s, ctx, "worker-tx"); len(got) != 2 {
		t.Errorf("after a separate append: %d events, want 2", len(got))
	}
}

func TestChangeIsNotStoredWhenItsAuditEventFails(t *testing.T) {
	s, ctx := fresh(t)
	// The event's id is taken: Neo4j refuses the append inside the
	// change's transaction, so the change must not be there either.
	if err := s.AppendAudit(ctx, changeEvent("ae-tx-taken")); err != nil {
		t.Fatalf("AppendAudit: %v", err)
	}
	a := &graph.ChangeAudit{Event: func() graph.AuditEvent { return changeEvent("ae-tx-taken") }}
	err := s.CreatePerson(graph.WithChangeAudit(ctx, a), graph.Person{ID: "t-txp", FullName: "Tx Person", AgeBand: graph.AgeAdult})
	if !errors.Is(err, graph.ErrConflict) {
		t.Fatalf("CreatePerson with a failing audit append: err = %v, want ErrConflict", err)
	}
	if a.Committed() {
		t.Errorf("Committed() = true for a rolled-back change")
	}
	if _, err := s.Person(ctx, "t-txp"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Person after the failed change: err = %v, want ErrNotFound (the change was stored without its event)", err)
	}
	// An invalid event refuses the change too.
	bad := &graph.ChangeAudit{Event: func() graph.AuditEvent { e := changeEvent("ae-tx-bad"); e.Outcome = ""; return e }}
	if err := s.CreatePerson(graph.WithChangeAudit(ctx, bad), graph.Person{ID: "t-txp", FullName: "Tx Person", AgeBand: graph.AgeAdult}); err == nil {
		t.Fatalf("CreatePerson with an invalid audit event: no error")
	}
	if _, err := s.Person(ctx, "t-txp"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Person after the refused change: err = %v, want ErrNotFound", err)
	}
	// A change refused by its own checks leaves no event.
	ev := &graph.ChangeAudit{Event: func() graph.AuditEvent { return changeEvent("ae-tx-refused") }}
	if err := s.UpdatePerson(graph.WithChangeAudit(ctx, ev), graph.Person{ID: "t-nobody", FullName: "No One", AgeBand: graph.AgeAdult}); !errors.Is(err, graph.ErrNotFound) {
		t.Fatalf("UpdatePerson of an unknown person: err = %v, want ErrNotFound", err)
	}
	if got := eventsOf(t, s, ctx, "worker-tx"); len(got) != 1 {
		t.Errorf("audit events = %+v, want only the first separate one", got)
	}
}

func TestBatchedImportCarriesOneAuditEvent(t *testing.T) {
	s, ctx := fresh(t)
	s.SetBatching(2, 2)
	a := &graph.ChangeAudit{Event: func() graph.AuditEvent {
		e := changeEvent("ae-tx-import")
		e.Action, e.Record, e.Status = "import", "", 200
		return e
	}}
	sum, err := s.Import(graph.WithChangeAudit(ctx, a), family())
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if sum.Transactions < 2 {
		t.Fatalf("import ran in %d transaction(s), want several", sum.Transactions)
	}
	if got := eventsOf(t, s, ctx, "worker-tx"); len(got) != 1 || got[0].ID != "ae-tx-import" {
		t.Errorf("audit events = %+v, want exactly ae-tx-import", got)
	}
}
