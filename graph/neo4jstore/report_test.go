package neo4jstore_test

import (
	"reflect"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// reportExtras adds to a document what the generator does not make: a
// pet sibling, a pet parent, and a separation that was recorded and then
// withdrawn (in the relationship's history).
func reportExtras(doc *graph.Document) {
	la := func(id, dob string) graph.Person {
		return graph.Person{ID: id, FullName: "Kid " + id, DateOfBirth: d(dob), LookedAfter: true, LookedAfterSince: d("2020-01-01")}
	}
	doc.People = append(doc.People, la("x-a", "2014-01-01"), la("x-b", "2015-01-01"), la("x-c", "2016-01-01"),
		graph.Person{ID: "x-dog", FullName: "Rex", Pet: true, LookedAfter: true},
		graph.Person{ID: "x-cat", FullName: "Tib", Pet: true})
	doc.Households = append(doc.Households,
		graph.Household{ID: "x-h1", Kind: graph.HouseholdFoster, Name: "One"},
		graph.Household{ID: "x-h2", Kind: graph.HouseholdResidential, Name: "Two"})
	for i, r := range []struct{ p, h, from, until string }{
		{"x-a", "x-h1", "2020-01-01", ""}, {"x-b", "x-h2", "2020-01-01", ""},
		{"x-c", "x-h2", "2020-01-01", "2023-12-31"}, {"x-c", "x-h1", "2024-01-01", ""}, {"x-dog", "x-h1", "2020-01-01", ""},
	} {
		doc.Residences = append(doc.Residences, graph.Residence{ID: "x-res" + itoa(i), Person: r.p, Household: r.h, From: d(r.from), Until: dOr(r.until)})
	}
	sep := &graph.Separation{Reason: graph.SeparationChildWish}
	doc.Relationships = append(doc.Relationships,
		graph.Relationship{ID: "x-r1", From: "x-a", To: "x-b", Kind: graph.RelSibling, SiblingType: graph.SiblingFull, Since: d("2015-01-01"),
			History: []graph.Version{{Until: d("2023-06-30"), Separation: sep}}},
		graph.Relationship{ID: "x-r2", From: "x-a", To: "x-dog", Kind: graph.RelSibling, SiblingType: graph.SiblingFull, Since: d("2015-01-01")},
		graph.Relationship{ID: "x-r3", From: "x-cat", To: "x-b", Kind: graph.RelParent, Since: d("2015-01-01")},
		graph.Relationship{ID: "x-r4", From: "x-cat", To: "x-c", Kind: graph.RelParent, Since: d("2016-01-01")},
		graph.Relationship{ID: "x-r5", From: "x-b", To: "x-c", Kind: graph.RelSibling, SiblingType: graph.SiblingHalf, Since: d("2016-01-01"), Until: d("2022-12-31"),
			Separation: sep})
}

func dOr(s string) graph.Date {
	if s == "" {
		return graph.Date{}
	}
	return d(s)
}

// The report's projection gives the report the same figures as the whole
// authority does, at dates before, between and after the changes.
func TestReportAuthorityParity(t *testing.T) {
	s, ctx := fresh(t)
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 3, Children: 300})
	reportExtras(&doc)
	mustImport(t, s, ctx, &doc)
	mustImport(t, s, ctx, family())
	defer neo4jstore.SetReportPageSize(97)() // pages end mid-family
	for _, day := range []string{"2019-01-01", "2022-06-01", "2023-01-01", "2024-06-01", "2025-12-31", "2026-11-01"} {
		full, err := s.Authority(ctx, d(day))
		if err != nil {
			t.Fatalf("Authority: %v", err)
		}
		lean, err := s.ReportAuthority(ctx, d(day))
		if err != nil {
			t.Fatalf("ReportAuthority: %v", err)
		}
		want, got := analysis.SiblingPlacementReport(full), analysis.SiblingPlacementReport(lean)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %+v,\nwant %+v", day, got, want)
		}
		if want.LookedAfterChildren == 0 && day >= "2022-06-01" {
			t.Errorf("%s: no looked-after children: the test checks nothing", day)
		}
		if len(lean.People) != len(full.People) {
			t.Errorf("%s: got %d people, want all %d", day, len(lean.People), len(full.People))
		}
		if len(lean.Assignments) != 0 {
			t.Errorf("%s: the projection carries assignments", day)
		}
		// Contacts: only the last of each pair (for the breakdowns).
		pairs := map[[2]graph.ID]bool{}
		for _, c := range lean.Contacts {
			if k := [2]graph.ID{c.From, c.To}; pairs[k] {
				t.Errorf("%s: two contacts %s -> %s in the projection", day, c.From, c.To)
			} else {
				pairs[k] = true
			}
		}
		if day >= "2023-01-01" && (len(lean.Contacts) == 0 || len(lean.Contacts) >= len(full.Contacts)) {
			t.Errorf("%s: %d contacts in the projection, %d in the authority: want some, fewer", day, len(lean.Contacts), len(full.Contacts))
		}
	}
}

// TestReportAuthorityReadsAgainAfterAWrite: the projection's pages are
// read in several transactions; a write landing between them (here a
// looked-after child whose id sorts before every page already read) makes
// the projection be read again, so the report is of one state of the
// records, the one after the write.
func TestReportAuthorityReadsAgainAfterAWrite(t *testing.T) {
	s, ctx := fresh(t)
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 5, Children: 60})
	mustImport(t, s, ctx, &doc)
	defer neo4jstore.SetReportPageSize(50)()
	defer neo4jstore.SetProjectionReaders(1)()
	wrote := false
	defer neo4jstore.AfterProjectionPage(func() {
		if wrote {
			return
		}
		wrote = true
		kid := graph.Person{ID: "0-new-kid", FullName: "Nova New", DateOfBirth: d("2016-03-03"), LookedAfter: true, LookedAfterSince: d("2024-01-01")}
		if err := s.CreatePerson(ctx, kid); err != nil {
			t.Errorf("CreatePerson: %v", err)
		}
	})()
	n, err := s.ReportAuthority(ctx, fixtures.DefaultAsOf)
	if err != nil {
		t.Fatalf("ReportAuthority: %v", err)
	}
	if !wrote {
		t.Fatal("the hook never ran: the test checks nothing")
	}
	found := false
	for _, p := range n.People {
		found = found || p.ID == "0-new-kid"
	}
	if !found {
		t.Errorf("the child written between two pages is not in the projection: it was not read again")
	}
}
