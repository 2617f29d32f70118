package neo4jstore_test

import (
	"testing"
	"time"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

// Every change bumps the store version; reads, their audit events and
// refused changes do not; a wiped database never repeats a version.
func TestStoreVersion(t *testing.T) {
	s, ctx := fresh(t)
	version := func() string {
		t.Helper()
		v, err := s.Version(ctx)
		if err != nil {
			t.Fatalf("Version: %v", err)
		}
		return v
	}
	if v := version(); v != "" {
		t.Errorf("empty store: got version %q, want none", v)
	}
	mustImport(t, s, ctx, family())
	v1 := version()
	if v1 == "" {
		t.Fatalf("after an import: no version")
	}
	if _, err := s.Network(ctx, "t-ava", d("2026-01-01")); err != nil {
		t.Fatal(err)
	}
	if err := s.AppendAudit(ctx, graph.AuditEvent{ID: graph.NewAuditID(), At: time.Now(), User: "u", Role: graph.RoleWorker, Action: "read_network", Child: "t-ava", Outcome: "allowed"}); err != nil {
		t.Fatalf("AppendAudit: %v", err)
	}
	if v := version(); v != v1 {
		t.Errorf("after a read and its audit event: got %q, want %q", v, v1)
	}
	// Concurrent reads' events are appended in batches: no change either.
	batch := []graph.AuditEvent{
		{ID: graph.NewAuditID(), At: time.Now(), User: "u", Role: graph.RoleWorker, Action: "read_flags", Child: "t-ava", Outcome: "allowed"},
		{ID: graph.NewAuditID(), At: time.Now(), User: "u", Role: graph.RoleWorker, Action: "read_map", Child: "t-ava", Outcome: "allowed"},
	}
	if err := s.AppendAudits(ctx, batch); err != nil {
		t.Fatalf("AppendAudits: %v", err)
	}
	if v := version(); v != v1 {
		t.Errorf("after a batch of read audit events: got %q, want %q", v, v1)
	}
	// The web app's sessions are written on every page view: bookkeeping.
	sessions := s.Sessions()
	if err := sessions.CommitCtx(ctx, "session-token", []byte("data"), time.Now().Add(time.Hour)); err != nil {
		t.Fatalf("session commit: %v", err)
	}
	if err := sessions.DeleteCtx(ctx, "session-token"); err != nil {
		t.Fatalf("session delete: %v", err)
	}
	if v := version(); v != v1 {
		t.Errorf("after a web session's commit and delete: got %q, want %q", v, v1)
	}
	if err := s.CreatePerson(ctx, graph.Person{ID: "t-ava", FullName: "Again"}); err == nil {
		t.Errorf("duplicate person created")
	}
	if v := version(); v != v1 {
		t.Errorf("after a refused change: got %q, want %q", v, v1)
	}
	if err := s.CreatePerson(ctx, graph.Person{ID: "t-new", FullName: "New Person"}); err != nil {
		t.Fatal(err)
	}
	v2 := version()
	if v2 == v1 {
		t.Errorf("after a change: version still %q", v2)
	}
	neo4jtest.Reset(t)
	mustImport(t, s, ctx, family())
	if v := version(); v == v1 || v == v2 || v == "" {
		t.Errorf("after a wipe and an import: got %q, want a version never seen (%q, %q)", v, v1, v2)
	}
}
