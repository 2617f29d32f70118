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
