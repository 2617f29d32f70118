package analysis

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// randomAuthority is a small authority with the records' odd corners:
// pets, adults still marked looked after, ended care episodes, repeated
// ids, overlapping homes, homes in households not in the records,
// relationships naming people not in the records, self-relationships,
// ended and future relationships, several relationships between a pair,
// undated contacts and contacts after the date.
func randomAuthority(r *rand.Rand) *graph.Network {
	day := graph.MustDate("2024-06-01")
	n := &graph.Network{AsOf: day}
	date := func() graph.Date { return day.AddDays(r.IntN(3000) - 2400) }
	maybe := func(p float64) bool { return r.Float64() < p }
	people := 4 + r.IntN(30)
	id := func() graph.ID {
		if maybe(0.05) {
			return "ghost" + fmt.Sprint(r.IntN(3)) // not in the records
		}
		return fmt.Sprintf("p%02d", r.IntN(people))
	}
	for i := range people {
		p := graph.Person{ID: fmt.Sprintf("p%02d", i), Pet: maybe(0.05)}
		if maybe(0.8) {
			p.DateOfBirth = day.AddDays(-r.IntN(25 * 365))
		} else if maybe(0.5) {
			p.AgeBand = graph.Age5to11
		}
		if maybe(0.7) {
			p.LookedAfter = true
			if maybe(0.8) {
				p.LookedAfterSince = date()
			}
			if maybe(0.2) {
				p.LookedAfterUntil = date()
			}
		}
		n.People = append(n.People, p)
		if maybe(0.03) {
			n.People = append(n.People, graph.Person{ID: p.ID, LookedAfter: !p.LookedAfter, DateOfBirth: p.DateOfBirth})
		}
	}
	homes := 1 + r.IntN(8)
	kinds := []graph.HouseholdKind{graph.HouseholdFoster, graph.HouseholdKinship, graph.HouseholdResidential, graph.HouseholdBirthFamily}
	areas := []graph.CouncilArea{"", "S12000036", "S12000049"}
	for i := range homes {
		n.Households = append(n.Households, graph.Household{ID: fmt.Sprintf("h%d", i), Kind: kinds[r.IntN(len(kinds))], CouncilArea: areas[r.IntN(len(areas))]})
	}
	for range r.IntN(3 * people) {
		res := graph.Residence{Person: id(), Household: fmt.Sprintf("h%d", r.IntN(homes+1)), From: date()}
		if maybe(0.4) {
			res.Until = res.From.AddDays(r.IntN(900))
		}
		n.Residences = append(n.Residences, res)
	}
	reasons := []graph.SeparationReason{graph.SeparationNoPlacement, graph.SeparationChildWish}
	modes := []graph.ContactMode{graph.ContactDirect, graph.ContactIndirect, graph.ContactNone}
	for k := range r.IntN(3 * people) {
		rel := graph.Relationship{ID: fmt.Sprintf("r%02d", r.IntN(60)), From: id(), To: id(), Kind: graph.RelSibling}
		if k%9 == 0 {
			rel.To = rel.From
		}
		switch {
		case maybe(0.4):
			rel.Kind = graph.RelParent
		case maybe(0.1):
			rel.Kind = graph.RelFriend
		}
		if maybe(0.3) {
			rel.Since = date()
		}
		if maybe(0.2) {
			rel.Until = date()
		}
		if maybe(0.3) {
			rel.Separation = &graph.Separation{Reason: reasons[r.IntN(len(reasons))]}
		}
		if maybe(0.5) {
			rel.Contact = &graph.Arrangement{Mode: modes[r.IntN(len(modes))], Frequency: graph.FreqMonthly}
		}
		if maybe(0.2) {
			rel.Restriction = &graph.Restriction{Kind: graph.RestrictNoContact, Since: date()}
		}
		n.Relationships = append(n.Relationships, rel)
	}
	for range r.IntN(4 * people) {
		c := graph.Contact{From: id(), To: id(), Date: date()}
		if maybe(0.05) {
			c.Date = graph.Date{}
		}
		n.Contacts = append(n.Contacts, c)
	}
	return n
}

// TestReportIndexMatchesReference checks the report over its dense index
// against its plain definition over snapshot on random authorities.
func TestReportIndexMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 13))
	separations, groups := 0, 0
	for i := range 3000 {
		n := randomAuthority(r)
		got, want := SiblingPlacementReport(n), referenceReport(n)
		if !reportEqual(got, want) {
			t.Fatalf("authority %d:\ngot  %+v,\nwant %+v", i, got, want)
		}
		separations += got.Separations
		groups += got.Groups.Groups
	}
	if separations == 0 || groups == 0 {
		t.Errorf("%d separations and %d groups over all the authorities, want some of both", separations, groups)
	}
}
