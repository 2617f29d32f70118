package neo4jstore_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/kinmap/kinmap/graph"
)

var auditT0 = time.Date(2025, 3, 1, 9, 0, 0, 123456789, time.UTC)

// auditEvents are synthetic events; e2 and e3 share a time so that the
// id breaks the tie.
func auditEvents() []graph.AuditEvent {
	return []graph.AuditEvent{
		{ID: "ae-4", At: auditT0.Add(3 * time.Hour), User: "worker-b", Role: graph.RoleWorker, Child: "t-ben",
			Action: "read_network", RequestID: "r4", Outcome: graph.OutcomeDenied, Status: 403},
		{ID: "ae-3", At: auditT0.Add(time.Hour), User: "worker-a", Role: graph.RoleWorker, Child: "t-ava",
			Action: "read_map", Audience: "child", RequestID: "r3", Outcome: graph.OutcomeAllowed, Status: 200},
		{ID: "ae-2", At: auditT0.Add(time.Hour), User: "manager-m", Role: graph.RoleManager, Child: "t-ava",
			Action: "read_flags", RequestID: "r2", Outcome: graph.OutcomeAllowed, Status: 200},
		{ID: "ae-1", At: auditT0, User: "admin-z", Role: graph.RoleAdmin, Action: "export",
			Outcome: graph.OutcomeError, Status: 503},
		{ID: "ae-5", At: auditT0.Add(4 * time.Hour), Action: "read_network", Child: "t-ava",
			Outcome: graph.OutcomeDenied, Status: 401},
	}
}

func TestAuditAppendAndFilter(t *testing.T) {
	s, ctx := fresh(t)
	byID := map[string]graph.AuditEvent{}
	for _, e := range auditEvents() {
		if err := s.AppendAudit(ctx, e); err != nil {
			t.Fatalf("AppendAudit %s: %v", e.ID, err)
		}
		byID[e.ID] = e
	}
	tests := []struct {
		name string
		f    graph.AuditFilter
		want []string
	}{
		{"all, by time then id", graph.AuditFilter{}, []string{"ae-1", "ae-2", "ae-3", "ae-4", "ae-5"}},
		{"child", graph.AuditFilter{Child: "t-ava"}, []string{"ae-2", "ae-3", "ae-5"}},
		{"user", graph.AuditFilter{User: "worker-a"}, []string{"ae-3"}},
		{"child and user", graph.AuditFilter{Child: "t-ava", User: "manager-m"}, []string{"ae-2"}},
		{"child and other user", graph.AuditFilter{Child: "t-ben", User: "manager-m"}, nil},
		{"from inclusive", graph.AuditFilter{From: auditT0.Add(time.Hour)}, []string{"ae-2", "ae-3", "ae-4", "ae-5"}},
		{"to exclusive", graph.AuditFilter{To: auditT0.Add(time.Hour)}, []string{"ae-1"}},
		{"window and child", graph.AuditFilter{Child: "t-ava", From: auditT0.Add(time.Minute), To: auditT0.Add(4 * time.Hour)}, []string{"ae-2", "ae-3"}},
		{"limit", graph.AuditFilter{Limit: 2}, []string{"ae-1", "ae-2"}},
		{"unknown child", graph.AuditFilter{Child: "nobody"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Audit(ctx, tt.f)
			if err != nil {
				t.Fatalf("Audit: %v", err)
			}
			var ids []string
			for _, e := range got {
				ids = append(ids, e.ID)
				if want := byID[e.ID]; !reflect.DeepEqual(e, want) {
					t.Errorf("event %s: got %+v, want %+v", e.ID, e, want)
				}
			}
			if !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("ids: got %v, want %v", ids, tt.want)
			}
		})
	}
}

func TestAuditRejectsBadInput(t *testing.T) {
	s, ctx := fresh(t)
	e := auditEvents()[0]
	if err := s.AppendAudit(ctx, e); err != nil {
		t.Fatalf("AppendAudit: %v", err)
	}
	if err := s.AppendAudit(ctx, e); !errors.Is(err, graph.ErrConflict) {
		t.Errorf("duplicate id: got %v, want ErrConflict", err)
	}
	bad := e
	bad.ID, bad.Action = "ae-bad", "Read Ava's map"
	if err := s.AppendAudit(ctx, bad); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("free text action: got %v, want ErrInvalid", err)
	}
	if _, err := s.Audit(ctx, graph.AuditFilter{Limit: -1}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("negative limit: got %v, want ErrInvalid", err)
	}
	got, err := s.Audit(ctx, graph.AuditFilter{})
	if err != nil || len(got) != 1 {
		t.Errorf("after rejected writes: got %d events, %v; want 1, nil", len(got), err)
	}
}

// TestAuditStoresNativeDatetime checks that "at" is a Neo4j DATETIME, so
// that range queries compare times, not strings.
func TestAuditStoresNativeDatetime(t *testing.T) {
	s, ctx := fresh(t)
	e := auditEvents()[1]
	e.At = time.Date(2025, 3, 1, 10, 0, 0, 0, time.FixedZone("BST", 3600)) // 09:00 UTC
	if err := s.AppendAudit(ctx, e); err != nil {
		t.Fatalf("AppendAudit: %v", err)
	}
	got, err := s.Audit(ctx, graph.AuditFilter{From: auditT0.Truncate(time.Hour), To: auditT0.Truncate(time.Hour).Add(time.Second)})
	if err != nil || len(got) != 1 {
		t.Fatalf("Audit: got %v, %v; want one event", got, err)
	}
	if !got[0].At.Equal(e.At) || got[0].At.Location() != time.UTC {
		t.Errorf("at: got %v, want %v in UTC", got[0].At, e.At)
	}
	typ := cypherValue(t, "MATCH (e:AuditEvent) RETURN valueType(e.at) AS v")
	if typ != "ZONED DATETIME NOT NULL" {
		t.Errorf("valueType(at): got %v, want ZONED DATETIME NOT NULL", typ)
	}
}
