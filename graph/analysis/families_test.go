package analysis_test

import (
	"slices"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// familyGolden is everything the analyses say about one hand-written
// fixture family as of the demo date.
type familyGolden struct {
	Family        string                   `json:"family"`
	AsOf          graph.Date               `json:"as_of"`
	Children      []analysis.ChildAnalysis `json:"children"`
	Reviews       []reviewWindow           `json:"reviews"`
	SiblingGroups []analysis.SiblingGroup  `json:"sibling_groups"`
	Report        analysis.Report          `json:"report"`
}

// reviewWindow is the review of each case child from Since to the demo
// date: the child's two-hop snapshot as of Since against today's. Only
// what is dated changes: people coming within two hops, relationships
// starting and ending, details changing (relationship history),
// restrictions coming into force, moves, contact records.
type reviewWindow struct {
	Since   graph.Date                     `json:"since"`
	Changes map[graph.ID][]analysis.Change `json:"changes"`
}

// reviewSince gives the start of each review window: the last six-monthly
// review, and a long window from 1 June 2024 that spans the moves and
// reunions written into the families.
func reviewSince(asOf graph.Date) []graph.Date {
	return []graph.Date{asOf.AddDays(-183), graph.MustDate("2024-06-01")}
}

// TestFamilyGoldens pins the output for each family in fixtures/families
// to testdata/families/NAME.json. Regenerate with go test -update after a
// deliberate change, and read the diff.
func TestFamilyGoldens(t *testing.T) {
	fams, err := fixtures.Families()
	if err != nil {
		t.Fatalf("load families: %v", err)
	}
	if len(fams) == 0 {
		t.Fatal("got no fixture families, want some")
	}
	asOf := fixtures.DefaultAsOf
	for _, f := range fams {
		t.Run(f.Name, func(t *testing.T) {
			whole := &graph.Network{AsOf: asOf, Records: f.Doc.Records}
			out := familyGolden{Family: f.Name, AsOf: asOf,
				SiblingGroups: analysis.SiblingGroups(whole), Report: analysis.SiblingPlacementReport(whole)}
			for _, since := range reviewSince(asOf) {
				out.Reviews = append(out.Reviews, reviewWindow{Since: since, Changes: map[graph.ID][]analysis.Change{}})
			}
			// Each child is analysed on the two-hop snapshot the store
			// gives the API (snapshotOf), and a review compares the
			// snapshot as of its since date with today's, as
			// api/handlers_analysis.go does.
			for _, id := range caseChildren(f.Doc, asOf) {
				now := f.Doc.Snapshot(id, asOf)
				out.Children = append(out.Children, analysis.Analyse(now, analysis.DefaultOptions()))
				for _, w := range out.Reviews {
					w.Changes[id] = analysis.Review(f.Doc.Snapshot(id, w.Since), now)
				}
			}
			analysis.CheckGolden(t, "families/"+f.Name+".json", out)
		})
	}
}

// caseChildren returns the children with a case assignment or looked after
// at the date, in id order.
func caseChildren(doc graph.Document, day graph.Date) []graph.ID {
	var ids []graph.ID
	for _, a := range doc.Assignments {
		ids = append(ids, a.Child)
	}
	for _, p := range doc.People {
		if p.LookedAfterOn(day) && !p.IsAdult(day) {
			ids = append(ids, p.ID)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
