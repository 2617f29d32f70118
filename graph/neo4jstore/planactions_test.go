package neo4jstore_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

func TestPlanActionCreateGetListStatus(t *testing.T) {
	s, ctx := fresh(t)
	f := family()
	acts := f.PlanActions
	f.PlanActions = nil
	mustImport(t, s, ctx, f)
	a := acts[0]
	open := graph.PlanAction{ID: "t-pa2", Child: "t-ava", Person: "t-gran", What: "letter to Gran each month", Owner: graph.OwnerCarer,
		Made: d("2022-02-01"), Due: d("2022-02-15"), Status: graph.ActionPlanned}
	for _, x := range []graph.PlanAction{a, open} {
		if err := s.CreatePlanAction(ctx, x); err != nil {
			t.Fatalf("CreatePlanAction %s: %v", x.ID, err)
		}
	}
	if got, err := s.PlanAction(ctx, a.ID); err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("PlanAction: got %+v, %v; want %+v", got, err, a)
	}
	list, err := s.PlanActions(ctx, "t-ava")
	if err != nil || len(list) != 2 || list[0].ID != "t-pa2" {
		t.Errorf("PlanActions = %+v, %v; want t-pa2 (due first) then t-pa1", list, err)
	}
	n, err := s.Network(ctx, "t-ava", d("2022-06-01"))
	if err != nil || len(n.PlanActions) != 2 {
		t.Errorf("Network.PlanActions = %+v, %v; want both", n, err)
	}
	// Bad status changes are refused and change nothing.
	for _, tc := range []struct {
		name, field string
		status      graph.ActionStatus
		reason      string
		changed     graph.Date
	}{
		{"not done without reason", "reason", graph.ActionNotDone, "", d("2022-03-01")},
		{"unknown status", "status", "maybe", "", d("2022-03-01")},
		{"before it was made", "status_changed", graph.ActionDone, "", d("2022-01-01")},
	} {
		if _, err := s.SetPlanActionStatus(ctx, "t-pa2", tc.status, tc.reason, tc.changed); !errors.Is(err, graph.ErrInvalid) ||
			graph.Fields(err)[0].Field != tc.field {
			t.Errorf("%s: got %v, want ErrInvalid on %s", tc.name, err, tc.field)
		}
	}
	if got, _ := s.PlanAction(ctx, "t-pa2"); !reflect.DeepEqual(got, open) {
		t.Errorf("after refused changes: %+v, want %+v", got, open)
	}
	got, err := s.SetPlanActionStatus(ctx, "t-pa2", graph.ActionNotDone, "Gran moved abroad", d("2022-03-01"))
	if err != nil || got.Status != graph.ActionNotDone || got.Reason != "Gran moved abroad" || !got.StatusChanged.Equal(d("2022-03-01")) {
		t.Errorf("SetPlanActionStatus: %+v, %v", got, err)
	}
	if stored, _ := s.PlanAction(ctx, "t-pa2"); !reflect.DeepEqual(stored, got) {
		t.Errorf("stored %+v, want %+v", stored, got)
	}
	if _, err := s.SetPlanActionStatus(ctx, "nobody", graph.ActionDone, "", graph.Date{}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("SetPlanActionStatus(nobody): %v, want ErrNotFound", err)
	}
	bad := open
	bad.ID, bad.Due = "t-pa3", d("2022-01-01")
	if err := s.CreatePlanAction(ctx, bad); !errors.Is(err, graph.ErrInvalid) || graph.Fields(err)[0].Field != "due" {
		t.Errorf("action due before it was made: got %v, want ErrInvalid on due", err)
	}
	bad.Due, bad.Person = d("2022-03-01"), "t-nobody"
	if err := s.CreatePlanAction(ctx, bad); !errors.Is(err, graph.ErrNotFound) || graph.Fields(err)[0].Field != "person" {
		t.Errorf("action for an unknown person: got %v, want ErrNotFound on person", err)
	}
	if _, err := s.PlanAction(ctx, "t-pa3"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("refused action stored: %v", err)
	}
	for kids, want := range map[string]bool{"t-ava": true, "t-ben": false} {
		ok, err := s.InScope(ctx, []graph.ID{kids}, "t-pa1", neo4jstore.KindPlanAction, graph.Date{})
		if err != nil || ok != want {
			t.Errorf("InScope(%s, plan action) = %v, %v; want %v", kids, ok, err, want)
		}
	}
}
