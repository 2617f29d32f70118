package neo4jstore_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// TestSaidKeepsHistory: the views people gave are details of the
// relationship: an update that adds one keeps the earlier views in
// History, and the network of an earlier date shows those.
func TestSaidKeepsHistory(t *testing.T) {
	s, ctx := fresh(t)
	f := family()
	mustImport(t, s, ctx, f)
	rel, err := s.Relationship(ctx, "t-rel3")
	if err != nil {
		t.Fatalf("Relationship: %v", err)
	}
	first := []graph.Said{{By: "t-ben", On: d("2025-01-10"), Words: "I miss Ava"}}
	rel.Said = first
	if err := s.UpdateRelationship(ctx, rel, d("2025-01-10")); err != nil {
		t.Fatalf("UpdateRelationship (first view): %v", err)
	}
	rel.Said = append(first, graph.Said{By: "t-ava", On: d("2025-06-01"), Words: "Ben is my best brother"})
	if err := s.UpdateRelationship(ctx, rel, d("2025-06-01")); err != nil {
		t.Fatalf("UpdateRelationship (second view): %v", err)
	}
	got, err := s.Relationship(ctx, "t-rel3")
	if err != nil {
		t.Fatalf("Relationship: %v", err)
	}
	if !reflect.DeepEqual(got.Said, rel.Said) || len(got.History) != 2 || !reflect.DeepEqual(got.History[1].Said, first) {
		t.Errorf("stored said %+v, history %+v; want both views now and Ben's alone before", got.Said, got.History)
	}
	n, err := s.Network(ctx, "t-ava", d("2025-03-01"))
	if err != nil {
		t.Fatalf("Network: %v", err)
	}
	for _, r := range n.Relationships {
		if r.ID == "t-rel3" && !reflect.DeepEqual(r.Said, first) {
			t.Errorf("as of 2025-03-01: said %+v, want Ben's view only", r.Said)
		}
	}
	bad := got
	bad.History = nil
	bad.Said = []graph.Said{{By: "t-mum", On: d("2025-07-01"), Words: "they should live together"}}
	if err := s.UpdateRelationship(ctx, bad, graph.Date{}); !errors.Is(err, graph.ErrInvalid) || graph.Fields(err)[0].Field != "said[0].by" {
		t.Errorf("a view by someone not in the relationship: got %v, want ErrInvalid on said[0].by", err)
	}
	doc, err := s.Export(ctx)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	for _, r := range doc.Relationships {
		if r.ID == "t-rel3" && (!reflect.DeepEqual(r.Said, rel.Said) || len(r.History) != 2) {
			t.Errorf("exported %+v, want the views and their history", r)
		}
	}
}
