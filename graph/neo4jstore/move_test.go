package neo4jstore_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/neo4jtest"
)

func TestMoveEndsTheCurrentHomeAndStartsTheNext(t *testing.T) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, family())
	next := graph.Residence{ID: "t-r6", Person: "t-ava", Household: "t-h-kin", From: d("2025-03-01")}

	bad := []struct {
		name  string
		r     graph.Residence
		kind  error
		field string
	}{
		{"starts with the current home", graph.Residence{ID: "t-r7", Person: "t-ava", Household: "t-h-kin", From: d("2022-01-10")}, graph.ErrInvalid, "from"},
		{"into the same home", graph.Residence{ID: "t-r7", Person: "t-ava", Household: "t-h-foster", From: d("2025-03-01")}, graph.ErrInvalid, "household"},
		{"unknown home", graph.Residence{ID: "t-r7", Person: "t-ava", Household: "t-h-nowhere", From: d("2025-03-01")}, graph.ErrNotFound, "household"},
		{"unknown person", graph.Residence{ID: "t-r7", Person: "t-nobody", Household: "t-h-kin", From: d("2025-03-01")}, graph.ErrNotFound, "person"},
		{"id in use", graph.Residence{ID: "t-r1", Person: "t-ava", Household: "t-h-kin", From: d("2025-03-01")}, graph.ErrConflict, "id"},
		{"no date", graph.Residence{ID: "t-r7", Person: "t-ava", Household: "t-h-kin"}, graph.ErrInvalid, "from"},
	}
	for _, tt := range bad {
		n0, r0 := neo4jtest.Counts(t)
		_, err := s.Move(ctx, tt.r)
		if !errors.Is(err, tt.kind) || len(graph.Fields(err)) == 0 || graph.Fields(err)[0].Field != tt.field {
			t.Errorf("%s: got %v, want %v on %s", tt.name, err, tt.kind, tt.field)
		}
		if n1, r1 := neo4jtest.Counts(t); n1 != n0 || r1 != r0 {
			t.Errorf("%s: wrote %d nodes and %d relationships", tt.name, n1-n0, r1-r0)
		}
		if cur, _ := s.Residence(ctx, "t-r2"); !cur.Until.IsZero() {
			t.Fatalf("%s: ended the current home (until %v)", tt.name, cur.Until)
		}
	}

	ended, err := s.Move(ctx, next)
	if err != nil {
		t.Fatalf("Move: %v", err)
	}
	if want := []graph.ID{"t-r2"}; !reflect.DeepEqual(ended, want) {
		t.Errorf("ended: got %v, want %v", ended, want)
	}
	if cur, _ := s.Residence(ctx, "t-r2"); cur.Until != d("2025-02-28") {
		t.Errorf("previous home: got until %v, want 2025-02-28", cur.Until)
	}
	if got, err := s.Residence(ctx, "t-r6"); err != nil || !reflect.DeepEqual(got, next) {
		t.Errorf("new home: got %+v, %v; want %+v", got, err, next)
	}
	n, err := s.Network(ctx, "t-ava", d("2025-06-01"))
	if err != nil {
		t.Fatalf("Network: %v", err)
	}
	if h := graph.NewIndex(n).HouseholdOn("t-ava", d("2025-06-01")); h == nil || h.ID != "t-h-kin" {
		t.Errorf("home after the move: got %+v, want t-h-kin", h)
	}
}
