package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// letterbox is the example: Amy (10, looked after) has an adopted
// sister Rosie; their only contact is letterbox contact through the
// adoption agency. A keyworker (no age recorded) stands for the service.
func letterbox(via string) *builder {
	b := newNet("amy", "2026-11-01").
		child("amy", "Amy Test", "2016-03-01", "2024-01-10").
		child("rosie", "Rosie Test", "2019-05-05", "").
		child("shannon", "Shannon Test", "2012-01-05", "2024-01-10").
		home("h-oak", graph.HouseholdFoster, "Oak foster home").
		home("h-birch", graph.HouseholdResidential, "Birch House").
		lives("amy", "h-oak", "2024-01-10", "").
		lives("shannon", "h-birch", "2024-01-10", "")
	b.n.People = append(b.n.People, graph.Person{ID: "agency", FullName: "Adoption Agency Test"},
		graph.Person{ID: "jamie", FullName: "Jamie Keyworker"})
	arr := func(v string) relOpt {
		return func(r *graph.Relationship) {
			r.Contact = &graph.Arrangement{Mode: graph.ContactIndirect, Frequency: graph.FreqYearly, Via: graph.ID(v)}
		}
	}
	b.sib("s-rosie", "amy", "rosie", graph.SiblingHalf, arr(via))
	return b
}

func TestContactViaIsTheLink(t *testing.T) {
	cases := []struct {
		name  string
		build func() *builder
		want  map[graph.ID][]graph.ID // articulation -> cut-off people named
		text  string
	}{
		{"letterbox contact through the agency: the agency is the link", func() *builder { return letterbox("agency") },
			map[graph.ID][]graph.ID{"agency": {"rosie"}},
			"Adoption Agency Test is Amy's only link in the record to Rosie. Amy's contact with Rosie goes through Adoption Agency Test."},
		{"direct letterbox: no go-between, no fragile link", func() *builder { return letterbox("") }, nil, ""},
		{"indirect contact with her sister through Shannon's keyworker", func() *builder {
			b := letterbox("")
			b.n.Relationships = nil
			return b.sib("s-shannon", "amy", "shannon", graph.SiblingFull, separated(graph.SeparationNotSafe),
				func(r *graph.Relationship) {
					r.Contact = &graph.Arrangement{Mode: graph.ContactIndirect, Frequency: graph.FreqMonthly, Via: "jamie"}
				}).
				rel("rc", "jamie", "shannon", graph.RelResidentialCarer)
		}, map[graph.ID][]graph.ID{"jamie": {"shannon"}}, "Amy's contact with Shannon goes through Jamie Keyworker."},
		{"a go-between not in the record is not drawn in: the direct tie stands", func() *builder {
			b := letterbox("agency")
			b.n.People = slices.DeleteFunc(b.n.People, func(p graph.Person) bool { return p.ID == "agency" })
			return b
		}, nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.build()
			if !strings.Contains(tc.name, "not in the record") {
				validate(t, b.net())
			}
			fs := only(Flags(b.net(), Options{}), FragileConnection)
			got := map[graph.ID][]graph.ID{}
			for _, f := range fs {
				got[f.Evidence.People[1]] = f.Evidence.CutOff
				if f.Severity != High {
					t.Errorf("%s: severity %s, want high (a sibling is cut off)", f.Evidence.People[1], f.Severity)
				}
				if tc.text != "" && !strings.Contains(f.Explanation, tc.text) {
					t.Errorf("explanation %q does not contain %q", f.Explanation, tc.text)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("fragile links: got %v, want %v", got, tc.want)
			}
			for v, cut := range tc.want {
				if !slices.Equal(got[v], cut) {
					t.Errorf("%s cuts off: got %v, want %v", v, got[v], cut)
				}
			}
			for v := range tc.want {
				kp := KeyPeople(b.net(), 0)
				if !slices.ContainsFunc(kp, func(k KeyPerson) bool { return k.Person == v && k.Rank == 1 }) {
					t.Errorf("key people %v: want %s first", kp, v)
				}
			}
		})
	}
}

// TestConnectionGraphRoutesThroughVia: the relationship becomes the two
// edges through the go-between, with no direct edge.
func TestConnectionGraphRoutesThroughVia(t *testing.T) {
	g := ConnectionGraph(letterbox("agency").net())
	want := [][2]graph.ID{{"agency", "amy"}, {"agency", "rosie"}}
	if got := g.Edges(); !slices.Equal(got, want) {
		t.Errorf("edges: got %v, want %v", got, want)
	}
}
