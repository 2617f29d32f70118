package neo4jstore_test

import (
	"encoding/json"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
)

// TestNetworkMatchesSnapshot: the store's network of every looked-after
// fixture child, at a past date and at the demo date, is the one
// graph.Records.Snapshot builds in memory, so that the analysis and map
// goldens (built with Snapshot) test what users get.
func TestNetworkMatchesSnapshot(t *testing.T) {
	doc, err := fixtures.All()
	if err != nil {
		t.Fatal(err)
	}
	networksMatch(t, &doc)
}

// TestGeneratedNetworkMatchesSnapshot does the same over a generated
// authority: many more shapes of family.
func TestGeneratedNetworkMatchesSnapshot(t *testing.T) {
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 7, Children: 80})
	networksMatch(t, &doc)
}

func networksMatch(t *testing.T, doc *graph.Document) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, doc)
	for _, p := range doc.People {
		if !p.LookedAfter {
			continue
		}
		for _, asOf := range []graph.Date{d("2024-06-01"), fixtures.DefaultAsOf} {
			got, err := s.Network(ctx, p.ID, asOf)
			if err != nil {
				t.Fatalf("Network(%s, %s): %v", p.ID, asOf, err)
			}
			want := doc.Snapshot(p.ID, asOf)
			if gj, wj := asJSON(got), asJSON(want); gj != wj {
				t.Errorf("Network(%s, %s) differs from Snapshot:\ngot  %s\nwant %s", p.ID, asOf, gj, wj)
			}
		}
	}
}

func asJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestNetworksMatchNetwork: the networks of many children loaded at once
// are each the one Network loads alone; an unknown child is left out.
func TestNetworksMatchNetwork(t *testing.T) {
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 7, Children: 40})
	s, ctx := fresh(t)
	mustImport(t, s, ctx, &doc)
	var kids []graph.ID
	for _, p := range doc.People {
		if p.LookedAfter {
			kids = append(kids, p.ID)
		}
	}
	asOf := fixtures.DefaultAsOf
	nets, err := s.Networks(ctx, append(kids, "ghost"), asOf)
	if err != nil {
		t.Fatalf("Networks: %v", err)
	}
	if len(nets) != len(kids) {
		t.Errorf("Networks: got %d networks, want %d (one per known child)", len(nets), len(kids))
	}
	for _, id := range kids {
		want, err := s.Network(ctx, id, asOf)
		if err != nil {
			t.Fatalf("Network(%s): %v", id, err)
		}
		if gj, wj := asJSON(nets[id]), asJSON(want); gj != wj {
			t.Errorf("Networks[%s] differs from Network:\ngot  %s\nwant %s", id, gj, wj)
		}
	}
	if none, err := s.Networks(ctx, nil, asOf); err != nil || len(none) != 0 {
		t.Errorf("Networks(nil): got %d, %v; want none", len(none), err)
	}
}
