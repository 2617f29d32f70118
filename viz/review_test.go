package viz

import (
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/graph/analysis"
)

// syntheticReview is a review of a child with one connection of each kind
// of change, and one unchanged: Gail (gained), Lorna (lost), Dora
// (contact dropped), Morven (moved circle), Carys (changed), Una
// (unchanged). The changes are given, not computed, so that the test is
// of drawing alone.
func syntheticReview(aud Audience) (Input, *graph.Network, []analysis.Change) {
	then, now := graph.MustDate("2025-01-01"), graph.MustDate("2026-11-01")
	build := func(asOf graph.Date, after bool) *graph.Network {
		b := newBuilder("c", asOf)
		b.person(graph.Person{ID: "c", FullName: "Robin Example", DateOfBirth: graph.MustDate("2014-03-01"), LookedAfter: true})
		for _, p := range []struct{ id, name string }{{"p1", "Gail Gained"}, {"p2", "Lorna Lost"},
			{"p3", "Dora Dropped"}, {"p4", "Morven Moved"}, {"p5", "Carys Changed"}, {"p6", "Una Unchanged"}} {
			b.person(graph.Person{ID: p.id, FullName: p.name, AgeBand: graph.AgeAdult})
		}
		view := func(c graph.Circle) *graph.View { return &graph.View{Circle: c} }
		since := graph.MustDate("2020-01-01")
		if after {
			b.rel(graph.Relationship{ID: "r1", From: "p1", To: "c", Kind: graph.RelFriend, Since: graph.MustDate("2026-01-01"),
				ToView: view(graph.Circles[1]), Contact: &graph.Arrangement{Mode: graph.ContactDirect, Frequency: graph.FreqMonthly}})
		}
		lost := graph.Relationship{ID: "r2", From: "p2", To: "c", Kind: graph.RelFriend, Since: since, ToView: view(graph.Circles[1])}
		dropped := graph.Relationship{ID: "r3", From: "p3", To: "c", Kind: graph.RelParent, Since: since, ToView: view(graph.Circles[0]),
			Contact: &graph.Arrangement{Mode: graph.ContactDirect, Frequency: graph.FreqWeekly}}
		moved := graph.Relationship{ID: "r4", From: "p4", To: "c", Kind: graph.RelGrandparent, Since: since, ToView: view(graph.Circles[0]),
			Contact: &graph.Arrangement{Mode: graph.ContactDirect, Frequency: graph.FreqMonthly}}
		changed := graph.Relationship{ID: "r5", From: "p5", To: "c", Kind: graph.RelOtherKin, Since: since, ToView: view(graph.Circles[1]),
			Contact: &graph.Arrangement{Mode: graph.ContactDirect, Frequency: graph.FreqMonthly}}
		same := graph.Relationship{ID: "r6", From: "p6", To: "c", Kind: graph.RelFriend, Since: since, ToView: view(graph.Circles[2]),
			Contact: &graph.Arrangement{Mode: graph.ContactIndirect, Frequency: graph.FreqMonthly}}
		if after {
			lost.Until = graph.MustDate("2026-03-01")
			dropped.Contact = &graph.Arrangement{Mode: graph.ContactDirect, Frequency: graph.FreqYearly}
			moved.ToView = view(graph.Circles[2])
			changed.Restriction = &graph.Restriction{Kind: graph.RestrictSupervised, Basis: graph.BasisAssessment, Since: graph.MustDate("2026-02-01")}
		}
		for _, r := range []graph.Relationship{lost, dropped, moved, changed, same} {
			b.rel(r)
		}
		return b.net()
	}
	changes := []analysis.Change{
		{Kind: analysis.Gained, Person: "p1", Relationship: "r1", Detail: "new friend"},
		{Kind: analysis.Lost, Person: "p2", Relationship: "r2", Detail: "relationship ended"},
		{Kind: analysis.ContactDropped, Person: "p3", Relationship: "r3", Detail: "contact arrangement reduced from weekly to yearly"},
		{Kind: analysis.MovedCircle, Person: "p4", Relationship: "r4", Detail: "moved from closest to further"},
		{Kind: analysis.Changed, Person: "p5", Relationship: "r5", Detail: "restriction added"},
	}
	in := Input{Network: build(now, true), Audience: aud, Generated: graph.MustDate("2026-11-02")}
	return in, build(then, false), changes
}

// TestReviewStyles draws the synthetic review for every audience and
// checks that each person's line has the style of their change, that the
// styles of the kinds of change differ other than in colour (dash,
// width, doubling or end), and that each change is written on its
// person after its own mark.
func TestReviewStyles(t *testing.T) {
	cases := []struct {
		first string
		kind  analysis.ChangeKind // "" for no change
		line  lineState
		group group
	}{
		{"Gail", analysis.Gained, lineGained, groupFriends},
		{"Lorna", analysis.Lost, lineLostReview, groupFriends},
		{"Dora", analysis.ContactDropped, lineDropped, groupFamily},
		{"Morven", analysis.MovedCircle, lineChanged, groupFamily},
		{"Carys", analysis.Changed, lineChanged, groupFamily},
		{"Una", "", lineUnchanged, groupFriends},
	}
	for _, aud := range Audiences {
		in, before, changes := syntheticReview(aud)
		dot, err := ReviewDOT(in, before, changes)
		if err != nil {
			t.Fatalf("%s: %v", aud, err)
		}
		nodes := map[string]string{} // first name -> node id
		labels := map[string]string{}
		for _, m := range reNodeLine.FindAllStringSubmatch(string(dot), -1) {
			for _, c := range cases {
				if strings.Contains(m[2], "<B>"+c.first) {
					nodes[c.first], labels[c.first] = m[1], m[2]
				}
			}
		}
		edges := map[string]map[string]string{} // node id -> attributes of its line
		for _, m := range reEdgeLine.FindAllStringSubmatch(string(dot), -1) {
			if m[1] == "n1" {
				edges[m[2]] = dotAttrs(m[3])
			}
		}
		looks := map[lineState]string{}
		for _, c := range cases {
			id := nodes[c.first]
			if id == "" {
				t.Errorf("%s: %s is not on the review map, want them drawn", aud, c.first)
				continue
			}
			got := edges[id]
			want := dotAttrs(attrList(lineAttrs(c.line, c.group, aud)))
			for _, k := range []string{"color", "style", "penwidth", "arrowhead"} {
				if got[k] != want[k] {
					t.Errorf("%s: %s's line has %s %q, want %q (%s)", aud, c.first, k, got[k], want[k], lineWord(c.line, aud))
				}
			}
			looks[c.line] = got["style"] + " " + got["penwidth"] + " " + got["arrowhead"] + " " + doubled(got["color"])
			if c.kind == "" {
				continue
			}
			mark := changeMark[c.kind] + " "
			if !strings.Contains(labels[c.first], mark) {
				t.Errorf("%s: %s's label lacks the mark %q of %s, want it before the change's words", aud, c.first, mark, c.kind)
			}
			for _, other := range cases {
				if other.kind != "" && other.kind != c.kind && strings.Contains(labels[c.first], changeMark[other.kind]+" ") {
					t.Errorf("%s: %s's label has the mark of %s, want only that of %s", aud, c.first, other.kind, c.kind)
				}
			}
		}
		seen := map[string]lineState{}
		for l, look := range looks {
			if o, ok := seen[look]; ok {
				t.Errorf("%s: lines %q and %q look alike but for colour (%s), want them told apart",
					aud, lineWord(l, aud), lineWord(o, aud), look)
			}
			seen[look] = l
		}
	}
}

func doubled(color string) string {
	if strings.Contains(color, ":invis:") {
		return "double"
	}
	return "single"
}

// attrList writes attributes as DOT does, for dotAttrs.
func attrList(as []attr) string {
	w := &dotWriter{}
	w.attrs(as)
	return w.b.String()
}
