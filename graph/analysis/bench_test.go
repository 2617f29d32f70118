package analysis_test

import (
	"fmt"
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// child60 is one looked-after child with 60 direct connections (siblings,
// parents, grandparents, relatives, carers, friends, professionals), each
// with a second-hop relationship, residences and a year of contact: the
// size of a well-recorded child's network.
func child60() *graph.Network {
	day := graph.MustDate("2026-11-01")
	n := &graph.Network{Child: "c", AsOf: day}
	r := &n.Records
	person := func(id string, dob string, la bool) {
		p := graph.Person{ID: id, FullName: "Person " + id, DateOfBirth: graph.MustDate(dob), LookedAfter: la}
		r.People = append(r.People, p)
	}
	home := func(id string, kind graph.HouseholdKind) {
		r.Households = append(r.Households, graph.Household{ID: id, Kind: kind, Name: "Home " + id})
	}
	lives := func(p, h, from, until string) {
		res := graph.Residence{ID: fmt.Sprintf("res%d", len(r.Residences)), Person: p, Household: h, From: graph.MustDate(from)}
		if until != "" {
			res.Until = graph.MustDate(until)
		}
		r.Residences = append(r.Residences, res)
	}
	rel := func(from, to string, kind graph.RelKind, st graph.SiblingType) *graph.Relationship {
		r.Relationships = append(r.Relationships, graph.Relationship{ID: fmt.Sprintf("r%03d", len(r.Relationships)),
			From: from, To: to, Kind: kind, SiblingType: st})
		return &r.Relationships[len(r.Relationships)-1]
	}
	person("c", "2014-05-01", true)
	home("hc0", graph.HouseholdBirthFamily)
	home("hc1", graph.HouseholdFoster)
	lives("c", "hc0", "2014-05-01", "2023-03-01")
	lives("c", "hc1", "2023-03-02", "")
	kinds := []graph.RelKind{graph.RelSibling, graph.RelParent, graph.RelGrandparent, graph.RelOtherKin,
		graph.RelFriend, graph.RelFriend, graph.RelOtherKin, graph.RelProfessional, graph.RelFosterCarer, graph.RelOther}
	circles := []graph.Circle{graph.CircleClosest, graph.CircleClose, graph.CircleFurther, ""}
	for i := range 60 {
		id := fmt.Sprintf("k%02d", i)
		kind := kinds[i%len(kinds)]
		dob, la := "1980-01-01", false
		if kind == graph.RelSibling || kind == graph.RelFriend {
			dob, la = "2012-01-01", i%3 == 0
		}
		person(id, dob, la)
		h := fmt.Sprintf("h%02d", i%12)
		if i < 12 {
			home(h, []graph.HouseholdKind{graph.HouseholdFoster, graph.HouseholdKinship, graph.HouseholdBirthFamily}[i%3])
		}
		lives(id, h, "2020-01-01", "")
		var x *graph.Relationship
		switch kind {
		case graph.RelSibling:
			x = rel("c", id, kind, graph.SiblingTypes[i%4])
			if i%4 == 0 {
				x.Separation = &graph.Separation{Reason: graph.SeparationNoPlacement}
			}
		case graph.RelParent, graph.RelGrandparent, graph.RelFosterCarer:
			x = rel(id, "c", kind, "")
		default:
			x = rel("c", id, kind, "")
		}
		x.FromView = &graph.View{Circle: circles[i%4]}
		if i%2 == 0 {
			x.Contact = &graph.Arrangement{Mode: graph.ContactDirect, Frequency: graph.FreqMonthly}
		}
		if i%17 == 0 {
			x.Restriction = &graph.Restriction{Kind: graph.RestrictSupervised, Basis: graph.BasisOrder}
		}
		// A second hop: each connection knows someone else, and some know
		// each other (cycles).
		other := fmt.Sprintf("o%02d", i)
		person(other, "1975-01-01", false)
		rel(id, other, graph.RelOtherKin, "")
		if i > 0 && i%5 == 0 {
			rel(id, fmt.Sprintf("k%02d", i-1), graph.RelFriend, "")
		}
		// A year of contact, stopping early for every seventh.
		months := 12
		if i%7 == 0 {
			months = 3
		}
		for m := range months {
			r.Contacts = append(r.Contacts, graph.Contact{ID: fmt.Sprintf("ct%d", len(r.Contacts)), From: "c", To: id,
				Date: graph.MustDate("2025-11-05").AddDays(30 * m), Kind: graph.ContactVisit})
		}
	}
	return n
}

func BenchmarkFlags60(b *testing.B) {
	n := child60()
	opt := analysis.DefaultOptions()
	if len(analysis.Flags(n, opt)) == 0 {
		b.Fatal("got no flags, want some")
	}
	b.ReportAllocs()
	for b.Loop() {
		analysis.Flags(n, opt)
	}
}

func BenchmarkAnalyse60(b *testing.B) {
	n := child60()
	b.ReportAllocs()
	for b.Loop() {
		analysis.Analyse(n, analysis.DefaultOptions())
	}
}

// authority1000 is a generated authority of 1,000 looked-after children.
func authority1000() *graph.Network {
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 1, Children: 1000})
	return &graph.Network{AsOf: fixtures.DefaultAsOf, Records: doc.Records}
}

func BenchmarkSiblingGroups1000(b *testing.B) {
	n := authority1000()
	if len(analysis.SiblingGroups(n)) == 0 {
		b.Fatal("got no sibling groups, want some")
	}
	b.ReportAllocs()
	for b.Loop() {
		analysis.SiblingGroups(n)
	}
}

func BenchmarkReport1000(b *testing.B) {
	n := authority1000()
	b.ReportAllocs()
	for b.Loop() {
		analysis.SiblingPlacementReport(n)
	}
}

// benchmarkReportProjection times the report over the projection of a
// generated authority of children looked-after children that the store
// loads for it (analysis.ReportProjection).
func benchmarkReportProjection(b *testing.B, children int) {
	n := analysis.ReportProjection(analysis.GeneratedAuthority(1, children))
	b.ReportMetric(float64(len(n.People)), "people")
	b.ResetTimer()
	b.ReportAllocs()
	for b.Loop() {
		analysis.SiblingPlacementReport(n)
	}
}

func BenchmarkReportProjection12000(b *testing.B) { benchmarkReportProjection(b, 12000) }

func BenchmarkReportProjection84000(b *testing.B) { benchmarkReportProjection(b, 84000) }
