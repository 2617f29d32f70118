package analysis

import (
	"testing"

	"github.com/kinmap/kinmap/fixtures"
	"github.com/kinmap/kinmap/graph"
)

// ReportProjection keeps of n what the store's report projection
// (neo4jstore.ReportAuthority, see its fullPage) would load as of
// n.AsOf: every person with their id, pet flag and, when looked after,
// their date of birth, age band and care episode only; the sibling
// relationships current at the date (with their details as of then) and
// the parent relationships started by then, with no ids, views or notes;
// the residences of looked-after people covering the date or ended before
// it, and the households they name (id, kind, council area); and the last
// contact by then per pair (from, to) of looked-after people. A test
// helper for benchmarks over what the report really reads.
func ReportProjection(n *graph.Network) *graph.Network {
	day := n.AsOf
	out := &graph.Network{AsOf: day}
	lookedAfter := make(map[graph.ID]bool, len(n.People))
	for _, p := range n.People {
		q := graph.Person{ID: p.ID, Pet: p.Pet}
		if p.LookedAfter {
			lookedAfter[p.ID] = true
			q.LookedAfter, q.DateOfBirth, q.AgeBand = true, p.DateOfBirth, p.AgeBand
			q.LookedAfterSince, q.LookedAfterUntil = p.LookedAfterSince, p.LookedAfterUntil
		}
		out.People = append(out.People, q)
	}
	for _, r := range n.Relationships {
		if r.Kind != graph.RelSibling && r.Kind != graph.RelParent || !r.Span().Started(day) {
			continue
		}
		q := graph.Relationship{From: r.From, To: r.To, Kind: r.Kind, Since: r.Since, Until: r.Until}
		if r.Kind == graph.RelSibling {
			if r.Span().Ended(day) {
				continue
			}
			r = r.AsOf(day)
			if r.Separation != nil && r.Separation.Reason != "" {
				q.Separation = &graph.Separation{Reason: r.Separation.Reason}
			}
			if r.Contact != nil && r.Contact.Mode != "" {
				q.Contact = &graph.Arrangement{Mode: r.Contact.Mode, Frequency: r.Contact.Frequency}
			}
			if r.Restriction != nil && r.Restriction.Kind != "" {
				q.Restriction = &graph.Restriction{Kind: r.Restriction.Kind, Since: r.Restriction.Since}
			}
		}
		out.Relationships = append(out.Relationships, q)
	}
	homes := map[graph.ID]bool{}
	for _, r := range n.Residences {
		if lookedAfter[r.Person] && (r.Span().Covers(day) || r.Span().Ended(day)) {
			out.Residences = append(out.Residences, graph.Residence{Person: r.Person, Household: r.Household, From: r.From, Until: r.Until})
			homes[r.Household] = true
		}
	}
	for _, h := range n.Households {
		if homes[h.ID] {
			out.Households = append(out.Households, graph.Household{ID: h.ID, Kind: h.Kind, CouncilArea: h.CouncilArea})
		}
	}
	last := map[[2]graph.ID]int{} // (from, to) -> index in out.Contacts
	for _, c := range n.Contacts {
		if !lookedAfter[c.From] || !lookedAfter[c.To] || c.Date.IsZero() || c.Date.After(day) {
			continue
		}
		k := [2]graph.ID{c.From, c.To}
		if i, ok := last[k]; ok {
			if c.Date.After(out.Contacts[i].Date) {
				out.Contacts[i].Date = c.Date
			}
			continue
		}
		last[k] = len(out.Contacts)
		out.Contacts = append(out.Contacts, graph.Contact{From: c.From, To: c.To, Date: c.Date})
	}
	return out
}

// GeneratedAuthority is a generated authority of children looked-after
// children as of fixtures.DefaultAsOf.
func GeneratedAuthority(seed uint64, children int) *graph.Network {
	doc := fixtures.Generate(fixtures.GenConfig{Seed: seed, Children: children})
	return &graph.Network{AsOf: fixtures.DefaultAsOf, Records: doc.Records}
}

// TestReportOverProjection checks that the report over the projection
// the store loads equals the report over the whole authority, so that the
// projection benchmarks measure the report's real work.
func TestReportOverProjection(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		n := GeneratedAuthority(seed, 1500)
		p := ReportProjection(n)
		if len(p.Relationships) >= len(n.Relationships) || len(p.Contacts) == 0 || len(p.Residences) == 0 {
			t.Fatalf("seed %d: projection keeps %d of %d relationships, %d contacts, %d residences",
				seed, len(p.Relationships), len(n.Relationships), len(p.Contacts), len(p.Residences))
		}
		got, want := SiblingPlacementReport(p), SiblingPlacementReport(n)
		if !reportEqual(got, want) {
			t.Errorf("seed %d: over the projection\n%+v,\nover the authority\n%+v", seed, got, want)
		}
	}
}

// TestReportMatchesReference checks the report against its plain
// definition over generated authorities, whole and projected, at several
// dates.
func TestReportMatchesReference(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		n := GeneratedAuthority(seed, 800)
		for _, day := range []string{"2019-03-31", "2023-07-01", "2026-11-01"} {
			at := *n
			at.AsOf = graph.MustDate(day)
			for name, net := range map[string]*graph.Network{"whole": &at, "projection": ReportProjection(&at)} {
				got, want := SiblingPlacementReport(net), referenceReport(net)
				if !reportEqual(got, want) {
					t.Errorf("seed %d, %s, %s:\ngot  %+v,\nwant %+v", seed, day, name, got, want)
				}
			}
		}
	}
}
