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
	s, ctx := fresh(t)
	doc, err := fixtures.All()
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, ctx, &doc)
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
