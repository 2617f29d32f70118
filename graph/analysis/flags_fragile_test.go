package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// kinship is Amy (10) living with Gran (her grandparent and kinship
// carer), whose daughter Aunt has a child Cousin; as of 1 June 2024.
// Nobody but Gran links Amy to Aunt and Cousin.
func kinship() *builder {
	return newNet("amy", "2024-06-01").
		child("amy", "Amy Test", "2014-03-01", "2023-01-10").
		assessed("as-amy", "amy", "2024-03-01", graph.StageReview). // in time: no assessment flag
		adult("gran", "Gran Test").
		adult("aunt", "Aunt Test").
		child("cousin", "Cousin Test", "2015-05-05", "").
		home("h-gran", graph.HouseholdKinship, "Gran's house").
		lives("amy", "h-gran", "2023-01-10", "").
		lives("gran", "h-gran", "2000-01-01", "").
		rel("g1", "gran", "amy", graph.RelGrandparent, circleTo(graph.CircleClosest)).
		rel("g2", "gran", "amy", graph.RelKinshipCarer). // a duplicate path: still one route
		rel("p1", "gran", "aunt", graph.RelParent).
		rel("p2", "aunt", "cousin", graph.RelParent)
}

func TestFragileConnection(t *testing.T) {
	cases := []struct {
		name     string
		build    func(b *builder)
		want     map[graph.ID][]graph.ID // articulation adult -> named cut-off people
		severity Severity
		contains string
	}{
		{"gran is the only route to aunt and cousin", func(*builder) {},
			map[graph.ID][]graph.ID{"gran": {"aunt", "cousin"}, "aunt": {"cousin"}}, Medium,
			"Gran (Amy's kinship carer) is Amy's only link in the record to Aunt and Cousin."},
		{"aunt is a route to cousin only through gran", func(b *builder) {
			b.child("cousin2", "Cousin Two", "2017-01-01", "").rel("p3", "aunt", "cousin2", graph.RelParent)
		}, map[graph.ID][]graph.ID{"gran": {"aunt", "cousin", "cousin2"}, "aunt": {"cousin", "cousin2"}}, Medium, ""},
		{"a direct link to aunt removes the fragility", func(b *builder) {
			b.rel("k1", "aunt", "amy", graph.RelOtherKin)
		}, map[graph.ID][]graph.ID{"aunt": {"cousin"}}, Medium, ""},
		{"a cycle through a friend of the family is a second route", func(b *builder) {
			b.adult("neighbour", "Neighbour Test").rel("f1", "amy", "neighbour", graph.RelFriend).rel("f2", "neighbour", "aunt", graph.RelFriend)
		}, map[graph.ID][]graph.ID{"aunt": {"cousin"}}, Medium, ""},
		{"a professional is not a route", func(b *builder) {
			b.adult("sw", "Worker Test").rel("w1", "sw", "amy", graph.RelProfessional).rel("w2", "sw", "aunt", graph.RelProfessional)
		}, map[graph.ID][]graph.ID{"gran": {"aunt", "cousin"}, "aunt": {"cousin"}}, Medium, ""},
		{"an ended relationship is not a route", func(b *builder) {
			b.rel("k1", "aunt", "amy", graph.RelOtherKin, until("2024-01-01"))
		}, map[graph.ID][]graph.ID{"gran": {"aunt", "cousin"}, "aunt": {"cousin"}}, Medium, ""},
		{"a carer's own family is not the child's kin", func(b *builder) {
			b.adult("fc", "Carer Test").adult("fcmum", "Carer's Mother").
				rel("c1", "fc", "amy", graph.RelFosterCarer).rel("c2", "fcmum", "fc", graph.RelParent)
		}, map[graph.ID][]graph.ID{"gran": {"aunt", "cousin"}, "aunt": {"cousin"}}, Medium, ""},
		{"a child is not flagged as the route", func(b *builder) {
			b.child("bro", "Bro Test", "2009-01-01", "").adult("hisdad", "Dad Test").
				sib("s1", "amy", "bro", graph.SiblingHalf).rel("p3", "hisdad", "bro", graph.RelParent)
		}, map[graph.ID][]graph.ID{"gran": {"aunt", "cousin"}, "aunt": {"cousin"}}, Medium, ""},
		{"dad is the only route to his other child", func(b *builder) {
			b.adult("dad", "Dad Test").child("half", "Half Test", "2019-01-01", "").
				rel("p3", "dad", "amy", graph.RelParent).rel("p4", "dad", "half", graph.RelParent)
		}, map[graph.ID][]graph.ID{"gran": {"aunt", "cousin"}, "aunt": {"cousin"}, "dad": {"half"}}, High, "Dad (Amy's parent) is Amy's only link in the record to Half."},
		{"a parent restricted to no contact is not named", func(b *builder) {
			b.adult("mum", "Mum Test").child("half", "Half Test", "2019-01-01", "").
				rel("p3", "mum", "amy", graph.RelParent, restricted(graph.RestrictNoContact)).
				rel("p4", "gran", "mum", graph.RelParent).
				rel("p5", "mum", "half", graph.RelParent)
		}, map[graph.ID][]graph.ID{"gran": {"aunt", "cousin", "half"}, "aunt": {"cousin"}, "mum": {"half"}}, High, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := kinship()
			tc.build(b)
			validate(t, b.net())
			fs := only(Flags(b.net(), DefaultOptions()), FragileConnection)
			got := map[graph.ID][]graph.ID{}
			for _, f := range fs {
				if len(f.Evidence.People) != 2 || f.Evidence.People[0] != "amy" {
					t.Fatalf("got people %v, want [amy, the route]", f.Evidence.People)
				}
				got[f.Evidence.People[1]] = f.Evidence.CutOff
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for k, v := range tc.want {
				if !slices.Equal(got[k], v) {
					t.Errorf("got %s cutting off %v, want %v", k, got[k], v)
				}
			}
			if len(fs) == 0 {
				t.Fatalf("got no fragile_connection flags, want %v", tc.want)
			}
			if fs[0].Severity != tc.severity {
				t.Errorf("got first severity %s, want %s", fs[0].Severity, tc.severity)
			}
			found := false
			for _, f := range fs {
				found = found || strings.Contains(f.Explanation, tc.contains)
			}
			if !found {
				t.Errorf("got explanations %q, want one to contain %q", fs, tc.contains)
			}
		})
	}
}

// A relationship is a route unless a no-contact restriction is in force
// on it at the date; supervised contact is still a route.
func TestConnectionGraphRestrictions(t *testing.T) {
	cases := []struct {
		name string
		opt  relOpt
		want bool // an edge between amy and mum
	}{
		{"no restriction", func(*graph.Relationship) {}, true},
		{"no contact, since an unrecorded date", restricted(graph.RestrictNoContact), false},
		{"no contact in force before the date", restrictedSince(graph.RestrictNoContact, "2024-01-01"), false},
		{"no contact from the date itself", restrictedSince(graph.RestrictNoContact, "2024-06-01"), false},
		{"no contact starting after the date", restrictedSince(graph.RestrictNoContact, "2025-03-12"), true},
		{"supervised only", restricted(graph.RestrictSupervised), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := kinship().adult("mum", "Mum Test").rel("p3", "mum", "amy", graph.RelParent, tc.opt)
			validate(t, b.net())
			got := slices.Contains(ConnectionGraph(b.net()).Edges(), [2]graph.ID{"amy", "mum"})
			if got != tc.want {
				t.Errorf("got edge %v, want %v", got, tc.want)
			}
		})
	}
}

// A child with no relationships at all has no flags, no key people and
// no sibling group; so does a network whose child is missing or empty.
func TestChildWithNoRelationships(t *testing.T) {
	b := newNet("amy", "2024-06-01").
		child("amy", "Amy Test", "2014-03-01", "2024-05-01").
		home("h-oak", graph.HouseholdFoster, "Oak foster home").
		lives("amy", "h-oak", "2024-05-01", "")
	validate(t, b.net())
	if got := Flags(b.net(), DefaultOptions()); len(got) != 0 {
		t.Errorf("got flags %v, want none", kinds(got))
	}
	if got := KeyPeople(b.net(), 0); len(got) != 0 {
		t.Errorf("got key people %v, want none", got)
	}
	if _, ok := SiblingGroupOf(b.net(), "amy"); ok {
		t.Errorf("got a sibling group, want none")
	}
	if got := SiblingGroups(b.net()); len(got) != 0 {
		t.Errorf("got %d sibling groups, want 0", len(got))
	}
	a := Analyse(b.net(), Options{})
	if a.Flags == nil || a.KeyPeople == nil || a.SiblingGroup != nil {
		t.Errorf("got %+v, want empty (non-nil) flags and key people and no group", a)
	}
	for _, n := range []*graph.Network{nil, {AsOf: b.n.AsOf}, {Child: "nobody", AsOf: b.n.AsOf}} {
		if got := Flags(n, Options{}); got != nil {
			t.Errorf("got flags %v for %+v, want nil", got, n)
		}
		if got := KeyPeople(n, 3); got != nil {
			t.Errorf("got key people %v, want nil", got)
		}
	}
}

func TestKeyPeople(t *testing.T) {
	b := kinship().
		adult("dad", "Dad Test").child("half", "Half Test", "2019-01-01", "").
		rel("p3", "dad", "amy", graph.RelParent).rel("p4", "dad", "half", graph.RelParent).
		adult("stranger", "Stranger Test") // not connected: never a key person
	validate(t, b.net())
	got := KeyPeople(b.net(), 0)
	// Gran: on amy-aunt, amy-cousin, dad-aunt, dad-cousin, half-aunt,
	// half-cousin (6); dad: amy-half, gran-half, aunt-half, cousin-half
	// (4); aunt: cousin to amy, gran, dad, half (4).
	want := []KeyPerson{
		{Person: "gran", Rank: 1, Betweenness: 6, Degree: 2},
		{Person: "aunt", Rank: 2, Betweenness: 4, Degree: 2}, // ties go by id
		{Person: "dad", Rank: 3, Betweenness: 4, Degree: 2},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got := KeyPeople(b.net(), 1); len(got) != 1 || got[0].Person != "gran" {
		t.Errorf("got %+v with limit 1, want gran only", got)
	}
}
