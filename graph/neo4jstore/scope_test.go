package neo4jstore_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/neo4jstore"
)

// scopeFamily is family() plus more assignments and an unrelated
// household, for the scope look-ups.
func scopeFamily() *graph.Document {
	doc := family()
	doc.People = append(doc.People, graph.Person{ID: "t-stranger", FullName: "Sam Unrelated", AgeBand: graph.AgeAdult})
	doc.Households = append(doc.Households, graph.Household{ID: "t-h-stranger", Kind: graph.HouseholdBirthFamily})
	doc.Residences = append(doc.Residences, graph.Residence{ID: "t-r-stranger", Person: "t-stranger", Household: "t-h-stranger", From: d("2010-01-01")})
	doc.Assignments = append(doc.Assignments,
		graph.Assignment{ID: "t-a2", Worker: "worker-a", Team: "team-south", Child: "t-ben", Since: d("2020-01-01"), Until: d("2021-12-31")},
		graph.Assignment{ID: "t-a3", Worker: "worker-b", Team: "team-south", Child: "t-ben", Since: d("2022-01-01")},
		graph.Assignment{ID: "t-a4", Worker: "worker-c", Team: "team-north", Child: "t-carerkid", Since: d("2026-01-01")},
		graph.Assignment{ID: "t-a5", Worker: "worker-d", Child: "t-stranger"},
	)
	return doc
}

func TestCaseloads(t *testing.T) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, scopeFamily())
	tests := []struct {
		name  string
		user  string
		teams []string
		day   string
		want  []graph.ID
	}{
		{name: "worker now", user: "worker-a", day: "2025-01-01", want: []graph.ID{"t-ava"}},
		{name: "worker before", user: "worker-a", day: "2021-06-01", want: []graph.ID{"t-ben"}},
		{name: "last day counts", user: "worker-a", day: "2021-12-31", want: []graph.ID{"t-ben"}},
		{name: "first day counts", user: "worker-a", day: "2022-01-10", want: []graph.ID{"t-ava"}},
		{name: "open assignment", user: "worker-d", day: "1990-01-01", want: []graph.ID{"t-stranger"}},
		{name: "other worker", user: "worker-b", day: "2025-01-01", want: []graph.ID{"t-ben"}},
		{name: "unknown worker", user: "worker-x", day: "2025-01-01"},
		{name: "no user", user: "", day: "2025-01-01"},
		{name: "team", teams: []string{"team-north"}, day: "2025-01-01", want: []graph.ID{"t-ava"}},
		{name: "team later", teams: []string{"team-north"}, day: "2026-02-01", want: []graph.ID{"t-ava", "t-carerkid"}},
		{name: "two teams", teams: []string{"team-south", "team-north"}, day: "2025-01-01", want: []graph.ID{"t-ava", "t-ben"}},
		{name: "unknown team", teams: []string{"team-x"}, day: "2025-01-01"},
		{name: "no teams", teams: []string{}, day: "2025-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []graph.ID
			var err error
			if tt.teams != nil {
				got, err = s.TeamCaseload(ctx, tt.teams, d(tt.day))
			} else {
				got, err = s.Caseload(ctx, tt.user, d(tt.day))
			}
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestInScope(t *testing.T) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, scopeFamily())
	ava, ben, both := []graph.ID{"t-ava"}, []graph.ID{"t-ben"}, []graph.ID{"t-stranger", "t-ben"}
	const now, before, later = "2025-01-01", "2015-01-01", "2025-07-01"
	tests := []struct {
		children []graph.ID
		kind, id string
		asOf     string
		want     bool
	}{
		{ava, neo4jstore.KindPerson, "t-ava", now, true},
		{ava, neo4jstore.KindPerson, "t-ben", now, true},
		{ava, neo4jstore.KindPerson, "t-pal", now, true},      // two hops: gran, pal
		{ava, neo4jstore.KindPerson, "t-carerkid", now, true}, // two hops: carer, carer's child
		{ava, neo4jstore.KindPerson, "t-newpal", now, false},  // friendship not started yet
		{ava, neo4jstore.KindPerson, "t-newpal", later, true},
		{ava, neo4jstore.KindPerson, "t-carer", before, false}, // placement not started yet
		{ava, neo4jstore.KindPerson, "t-stranger", now, false},
		{ben, neo4jstore.KindPerson, "t-pal", now, false},      // three hops from ben
		{ben, neo4jstore.KindPerson, "t-carerkid", now, false}, // three hops from ben
		{both, neo4jstore.KindPerson, "t-stranger", now, true},
		{ava, neo4jstore.KindPerson, "nobody", now, false},
		{nil, neo4jstore.KindPerson, "t-ava", now, false},

		{ava, neo4jstore.KindHousehold, "t-h-kin", now, true},
		{ben, neo4jstore.KindHousehold, "t-h-foster", now, true}, // ava lives there
		{ava, neo4jstore.KindHousehold, "t-h-stranger", now, false},
		{ava, neo4jstore.KindHousehold, "t-h-kin", "2021-01-01", false}, // ben moved in 2022

		{ava, neo4jstore.KindResidence, "t-r3", now, true},
		{ava, neo4jstore.KindResidence, "t-r-stranger", now, false},

		{ava, neo4jstore.KindRelationship, "t-rel5", now, true},  // gran and pal both in
		{ben, neo4jstore.KindRelationship, "t-rel5", now, false}, // pal is not in ben's network
		{ben, neo4jstore.KindRelationship, "t-rel7", now, false}, // nor the carer's child
		{ava, neo4jstore.KindRelationship, "t-rel8", now, false},
		{ava, neo4jstore.KindRelationship, "t-rel8", later, true},

		{ava, neo4jstore.KindContact, "t-c1", now, true},
		{ben, neo4jstore.KindContact, "t-c2", now, true}, // ava and gran are both in ben's network
		{ava, neo4jstore.KindContact, "t-c3", now, false},
		{ava, neo4jstore.KindContact, "t-c3", later, true},

		{ava, neo4jstore.KindAssignment, "t-a1", now, true},
		{ava, neo4jstore.KindAssignment, "t-a3", now, false}, // ben's, not ava's
		{both, neo4jstore.KindAssignment, "t-a3", now, true},
	}
	for _, tt := range tests {
		got, err := s.InScope(ctx, tt.children, tt.id, tt.kind, d(tt.asOf))
		if err != nil {
			t.Errorf("InScope(%v, %s %s, %s): got error %v", tt.children, tt.kind, tt.id, tt.asOf, err)
			continue
		}
		if got != tt.want {
			t.Errorf("InScope(%v, %s %s, %s): got %v, want %v", tt.children, tt.kind, tt.id, tt.asOf, got, tt.want)
		}
	}
	if _, err := s.InScope(ctx, ava, "t-ava", "map", d(now)); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("unknown kind: got %v, want ErrInvalid", err)
	}
}

// TestScopeChildren: the children whose networks hold a record, the
// record's own people first.
func TestScopeChildren(t *testing.T) {
	s, ctx := fresh(t)
	mustImport(t, s, ctx, scopeFamily())
	both := []graph.ID{"t-ben", "t-ava"}
	tests := []struct {
		kind, id string
		want     []graph.ID
	}{
		{neo4jstore.KindPerson, "t-ben", []graph.ID{"t-ben", "t-ava"}},
		{neo4jstore.KindPerson, "t-mum", []graph.ID{"t-ava", "t-ben"}},
		{neo4jstore.KindPerson, "t-pal", []graph.ID{"t-ava"}},
		{neo4jstore.KindResidence, "t-r3", []graph.ID{"t-ben", "t-ava"}},
		{neo4jstore.KindRelationship, "t-rel5", []graph.ID{"t-ava"}},
		{neo4jstore.KindAssignment, "t-a1", []graph.ID{"t-ava"}},
		{neo4jstore.KindPerson, "t-stranger", nil},
		{neo4jstore.KindPerson, "nobody", nil},
	}
	for _, tt := range tests {
		got, err := s.ScopeChildren(ctx, both, tt.id, tt.kind, d("2025-01-01"))
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ScopeChildren(%s %s): got %v, %v; want %v", tt.kind, tt.id, got, err, tt.want)
		}
	}
}

// TestInScopeAgreesWithNetwork checks InScope against Network: for one
// child, a record is in scope exactly when the child's network holds it.
func TestInScopeAgreesWithNetwork(t *testing.T) {
	s, ctx := fresh(t)
	doc := scopeFamily()
	mustImport(t, s, ctx, doc)
	records := map[string][]graph.ID{}
	for _, p := range doc.People {
		records[neo4jstore.KindPerson] = append(records[neo4jstore.KindPerson], p.ID)
	}
	for _, h := range doc.Households {
		records[neo4jstore.KindHousehold] = append(records[neo4jstore.KindHousehold], h.ID)
	}
	for _, r := range doc.Residences {
		records[neo4jstore.KindResidence] = append(records[neo4jstore.KindResidence], r.ID)
	}
	for _, r := range doc.Relationships {
		records[neo4jstore.KindRelationship] = append(records[neo4jstore.KindRelationship], r.ID)
	}
	for _, c := range doc.Contacts {
		records[neo4jstore.KindContact] = append(records[neo4jstore.KindContact], c.ID)
	}
	for _, a := range doc.Assignments {
		records[neo4jstore.KindAssignment] = append(records[neo4jstore.KindAssignment], a.ID)
	}
	for _, child := range []graph.ID{"t-ava", "t-ben", "t-carerkid", "t-stranger"} {
		for _, asOf := range []string{"2015-01-01", "2023-01-01", "2025-07-01"} {
			n, err := s.Network(ctx, child, d(asOf))
			if err != nil {
				t.Fatalf("Network(%s, %s): %v", child, asOf, err)
			}
			in := map[string]map[graph.ID]bool{}
			add := func(kind string, id graph.ID) {
				if in[kind] == nil {
					in[kind] = map[graph.ID]bool{}
				}
				in[kind][id] = true
			}
			for _, p := range n.People {
				add(neo4jstore.KindPerson, p.ID)
			}
			for _, h := range n.Households {
				add(neo4jstore.KindHousehold, h.ID)
			}
			for _, r := range n.Residences {
				add(neo4jstore.KindResidence, r.ID)
			}
			for _, r := range n.Relationships {
				add(neo4jstore.KindRelationship, r.ID)
			}
			for _, c := range n.Contacts {
				add(neo4jstore.KindContact, c.ID)
			}
			for _, a := range n.Assignments {
				add(neo4jstore.KindAssignment, a.ID)
			}
			for kind, ids := range records {
				for _, id := range ids {
					got, err := s.InScope(ctx, []graph.ID{child}, id, kind, d(asOf))
					if err != nil {
						t.Fatalf("InScope: %v", err)
					}
					if want := in[kind][id]; got != want {
						t.Errorf("InScope([%s], %s %s, %s): got %v, want %v (as Network)", child, kind, id, asOf, got, want)
					}
				}
			}
		}
	}
}
