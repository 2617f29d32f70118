package graph_test

import (
	"slices"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// ids returns the ids of a network's records of one type, in order.
func ids[T any](rs []T, id func(T) graph.ID) []graph.ID {
	out := []graph.ID{}
	for _, r := range rs {
		out = append(out, id(r))
	}
	return out
}

func TestSnapshot(t *testing.T) {
	d := graph.MustDate
	asOf := d("2026-01-01")
	person := func(id graph.ID) graph.Person { return graph.Person{ID: id, FullName: id} }
	rel := func(id, from, to graph.ID, since, until string) graph.Relationship {
		r := graph.Relationship{ID: id, From: from, To: to, Kind: graph.RelOtherKin}
		if since != "" {
			r.Since = d(since)
		}
		if until != "" {
			r.Until = d(until)
		}
		return r
	}
	// A chain a-b-c-d; e joins b only after the date; f is linked to a by
	// a relationship with no start date, g to f by one that has ended.
	doc := &graph.Document{Format: graph.Format, Records: graph.Records{
		People: []graph.Person{person("a"), person("b"), person("c"), person("d"), person("e"), person("f"), person("g")},
		Households: []graph.Household{
			{ID: "h-ab", Kind: graph.HouseholdBirthFamily}, {ID: "h-d", Kind: graph.HouseholdBirthFamily},
			{ID: "h-later", Kind: graph.HouseholdFoster}},
		Residences: []graph.Residence{
			{ID: "res-a", Person: "a", Household: "h-ab", From: d("2020-01-01"), Until: d("2024-01-01")},
			{ID: "res-a2", Person: "a", Household: "h-later", From: d("2026-06-01")},
			{ID: "res-b", Person: "b", Household: "h-ab", From: d("2020-01-01")},
			{ID: "res-d", Person: "d", Household: "h-d", From: d("2020-01-01")},
		},
		Relationships: []graph.Relationship{
			rel("r-ab", "a", "b", "2020-01-01", ""),
			rel("r-bc", "c", "b", "2026-01-01", ""), // starts on the date: followed
			rel("r-cd", "c", "d", "2020-01-01", ""),
			rel("r-be", "b", "e", "2026-01-02", ""), // starts after the date: not followed
			rel("r-af", "f", "a", "", ""),
			rel("r-fg", "f", "g", "2019-01-01", "2021-01-01"), // ended: history, followed
			rel("r-ac", "a", "c", "2026-03-01", ""),           // both ends in, but not started
		},
		Contacts: []graph.Contact{
			{ID: "k-ab", From: "a", To: "b", Date: d("2025-12-01"), Kind: graph.ContactVisit},
			{ID: "k-ab-later", From: "b", To: "a", Date: d("2026-02-01"), Kind: graph.ContactVisit},
			{ID: "k-cd", From: "c", To: "d", Date: d("2025-12-01"), Kind: graph.ContactVisit}, // d is outside
			{ID: "k-cg", From: "c", To: "g", Date: d("2025-12-01"), Kind: graph.ContactCall},
		},
		Assignments: []graph.Assignment{
			{ID: "as-a", Worker: "worker.one", Child: "a", Until: d("2025-01-01")},
			{ID: "as-b", Worker: "worker.one", Child: "b"},
		},
	}}

	tests := []struct {
		child                                              graph.ID
		asOf                                               graph.Date
		people, rels, residences, households, contacts, as []graph.ID
	}{
		{child: "a", asOf: asOf,
			people:     []graph.ID{"a", "b", "c", "f", "g"},
			rels:       []graph.ID{"r-ab", "r-af", "r-bc", "r-fg"},
			residences: []graph.ID{"res-a", "res-b"},
			households: []graph.ID{"h-ab"},
			contacts:   []graph.ID{"k-ab", "k-cg"},
			as:         []graph.ID{"as-a"}},
		{child: "a", asOf: d("2025-12-31"), // the day before b-c starts
			people:     []graph.ID{"a", "b", "f", "g"},
			rels:       []graph.ID{"r-ab", "r-af", "r-fg"},
			residences: []graph.ID{"res-a", "res-b"},
			households: []graph.ID{"h-ab"},
			contacts:   []graph.ID{"k-ab"},
			as:         []graph.ID{"as-a"}},
		{child: "d", asOf: asOf,
			people:     []graph.ID{"b", "c", "d"},
			rels:       []graph.ID{"r-bc", "r-cd"},
			residences: []graph.ID{"res-b", "res-d"},
			households: []graph.ID{"h-ab", "h-d"},
			contacts:   []graph.ID{"k-cd"},
			as:         []graph.ID{}},
	}
	for _, tc := range tests {
		t.Run(tc.child+"@"+tc.asOf.String(), func(t *testing.T) {
			n := doc.Snapshot(tc.child, tc.asOf)
			if n.Child != tc.child || !n.AsOf.Equal(tc.asOf) {
				t.Errorf("got child %q as of %s, want %q as of %s", n.Child, n.AsOf, tc.child, tc.asOf)
			}
			check := func(what string, got, want []graph.ID) {
				t.Helper()
				if !slices.Equal(got, want) {
					t.Errorf("%s: got %v, want %v", what, got, want)
				}
			}
			check("people", ids(n.People, func(p graph.Person) graph.ID { return p.ID }), tc.people)
			check("relationships", ids(n.Relationships, func(r graph.Relationship) graph.ID { return r.ID }), tc.rels)
			check("residences", ids(n.Residences, func(r graph.Residence) graph.ID { return r.ID }), tc.residences)
			check("households", ids(n.Households, func(h graph.Household) graph.ID { return h.ID }), tc.households)
			check("contacts", ids(n.Contacts, func(c graph.Contact) graph.ID { return c.ID }), tc.contacts)
			check("assignments", ids(n.Assignments, func(a graph.Assignment) graph.ID { return a.ID }), tc.as)
		})
	}

	if n := doc.Snapshot("nobody", asOf); n != nil {
		t.Errorf("snapshot of a person not in the document: got %+v, want nil", n)
	}
}

func TestSnapshotTakesDetailsAsOfTheDate(t *testing.T) {
	d := graph.MustDate
	doc := &graph.Document{Format: graph.Format, Records: graph.Records{
		People: []graph.Person{{ID: "a", FullName: "A"}, {ID: "b", FullName: "B"}},
		Relationships: []graph.Relationship{{ID: "r-ab", From: "a", To: "b", Kind: graph.RelOtherKin,
			Since:   d("2020-01-01"),
			Contact: &graph.Arrangement{Mode: graph.ContactDirect},
			History: []graph.Version{{Until: d("2025-06-30"), Contact: &graph.Arrangement{Mode: graph.ContactNone}}}}},
	}}
	for _, tc := range []struct {
		asOf string
		want graph.ContactMode
	}{{"2025-06-30", graph.ContactNone}, {"2025-07-01", graph.ContactDirect}} {
		n := doc.Snapshot("a", d(tc.asOf))
		if len(n.Relationships) != 1 {
			t.Fatalf("as of %s: got %d relationships, want 1", tc.asOf, len(n.Relationships))
		}
		r := n.Relationships[0]
		if r.Contact == nil || r.Contact.Mode != tc.want || r.History != nil {
			t.Errorf("as of %s: got contact %+v, history %v; want mode %s and no history", tc.asOf, r.Contact, r.History, tc.want)
		}
	}
}
