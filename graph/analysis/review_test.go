package analysis

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// reviewPair returns Amy's network as saved at the last review (1 January
// 2024) and as it stands now (1 June 2024).
func reviewPair() (before, after *builder) {
	base := func(asOf string) *builder {
		return newNet("amy", asOf).
			child("amy", "Amy Test", "2014-03-01", "2023-01-10").
			adult("mum", "Mum Test").adult("gran", "Gran Test").adult("coach", "Coach Test").
			child("jack", "Jack Test", "2016-02-01", "").child("zoe", "Zoe Test", "2014-01-01", "").
			child("newfriend", "New Test", "2014-01-01", "")
	}
	before = base("2024-01-01").
		rel("p1", "mum", "amy", graph.RelParent, arranged(graph.ContactDirect, graph.FreqWeekly)).
		rel("g1", "gran", "amy", graph.RelGrandparent, circleTo(graph.CircleClosest)).
		rel("c1", "coach", "amy", graph.RelOther, until("2024-03-31")).
		sib("s1", "amy", "jack", graph.SiblingFull).
		rel("f1", "amy", "zoe", graph.RelFriend, circle(graph.CircleClose)).
		contact("amy", "jack", "2023-11-01").
		contact("amy", "zoe", "2023-12-01")
	after = base("2024-06-01").
		rel("p1", "mum", "amy", graph.RelParent, arranged(graph.ContactDirect, graph.FreqMonthly), restricted(graph.RestrictSupervised)).
		rel("g1", "gran", "amy", graph.RelGrandparent, circleTo(graph.CircleFurther)).
		rel("c1", "coach", "amy", graph.RelOther, until("2024-03-31")).
		sib("s1", "amy", "jack", graph.SiblingFull).
		rel("f1", "amy", "zoe", graph.RelFriend, circle(graph.CircleClose)).
		rel("f2", "newfriend", "amy", graph.RelFriend, since("2024-04-01")).
		contact("amy", "jack", "2023-11-01").
		contact("amy", "zoe", "2023-12-01").
		contact("amy", "zoe", "2024-05-01")
	return before, after
}

func TestReview(t *testing.T) {
	before, after := reviewPair()
	validate(t, before.net())
	validate(t, after.net())
	got := Review(before.net(), after.net())
	want := []string{
		"lost coach c1: other relationship ended on 2024-03-31",
		"moved_circle gran g1: moved from the closest circle to the further circle",
		"contact_dropped jack : no contact since the last review (last contact 2023-11-01)",
		"changed mum p1: restriction added: supervised contact only, by order",
		"contact_dropped mum p1: contact arrangement reduced from direct contact weekly to direct contact monthly",
		"gained newfriend f2: new friend relationship since the last review",
	}
	var lines []string
	for _, c := range got {
		lines = append(lines, fmt.Sprintf("%s %s %s: %s", c.Kind, c.Person, c.Relationship, c.Detail))
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	for _, c := range got {
		for _, name := range []string{"Amy", "Mum", "Gran", "Jack", "Zoe", "Coach"} {
			if strings.Contains(c.Detail, name) {
				t.Errorf("got detail %q naming %s, want no names", c.Detail, name)
			}
		}
	}
}

func TestReviewNoChange(t *testing.T) {
	_, after := reviewPair()
	later := after.n
	later.AsOf = graph.MustDate("2024-06-10")
	if got := Review(after.net(), &later); len(got) != 0 {
		t.Errorf("got %+v, want no changes", got)
	}
	other := later
	other.Child = "jack"
	for _, pair := range [][2]*graph.Network{{after.net(), &other}, {&later, after.net()}, {nil, after.net()}} {
		if got := Review(pair[0], pair[1]); got != nil {
			t.Errorf("got %+v, want nil for mismatched snapshots", got)
		}
	}
}

func TestArrangementChange(t *testing.T) {
	a := func(m graph.ContactMode, f graph.Frequency) *graph.Arrangement {
		return &graph.Arrangement{Mode: m, Frequency: f}
	}
	cases := []struct {
		o, n *graph.Arrangement
		want int
	}{
		{nil, nil, 0},
		{a(graph.ContactDirect, graph.FreqWeekly), nil, -1},
		{nil, a(graph.ContactIndirect, ""), 1},
		{a(graph.ContactDirect, graph.FreqWeekly), a(graph.ContactIndirect, graph.FreqWeekly), -1},
		{a(graph.ContactDirect, graph.FreqMonthly), a(graph.ContactDirect, graph.FreqWeekly), 1},
		{a(graph.ContactDirect, graph.FreqMonthly), a(graph.ContactDirect, graph.FreqAsAgreed), 0},
		{a(graph.ContactDirect, graph.FreqMonthly), a(graph.ContactNone, ""), -1},
		{nil, a(graph.ContactNone, ""), -1}, // first recorded as no contact: not an increase
		{a(graph.ContactNone, ""), nil, 0},  // the record of no contact removed: neither
		{a(graph.ContactNone, ""), a(graph.ContactIndirect, graph.FreqYearly), 1},
	}
	for _, tc := range cases {
		if got := arrangementChange(tc.o, tc.n); got != tc.want {
			t.Errorf("arrangementChange(%v, %v): got %d, want %d", tc.o, tc.n, got, tc.want)
		}
	}
}

func TestCompareRel(t *testing.T) {
	r := func(opts ...relOpt) *graph.Relationship {
		x := &graph.Relationship{ID: "s1", From: "amy", To: "jack", Kind: graph.RelSibling, SiblingType: graph.SiblingFull}
		for _, o := range opts {
			o(x)
		}
		return x
	}
	supervised := func(x *graph.Relationship) {
		x.Restriction = &graph.Restriction{Kind: graph.RestrictSupervised, Basis: graph.BasisAssessment}
	}
	cases := []struct {
		o, n *graph.Relationship
		want string
	}{
		{r(), r(), ""},
		{r(restricted(graph.RestrictNoContact)), r(), "changed: restriction lifted: was no contact, by order"},
		{r(restricted(graph.RestrictNoContact)), r(supervised), "changed: restriction changed from no contact, by order to supervised contact only, following an assessment"},
		{r(), r(separated(graph.SeparationNotSafe)), "changed: separation reason recorded: they were assessed as not safe to live together"},
		{r(separated(graph.SeparationNotSafe)), r(separated(graph.SeparationChildWish)), "changed: separation reason changed to: it was a child's own wish"},
		{r(separated(graph.SeparationNotSafe)), r(), "changed: separation reason removed"},
		{r(arranged(graph.ContactDirect, graph.FreqMonthly)), r(arranged(graph.ContactDirect, graph.FreqWeekly)), "changed: contact arrangement increased from direct contact monthly to direct contact weekly"},
		{r(arranged(graph.ContactDirect, graph.FreqMonthly)), r(arranged(graph.ContactDirect, graph.FreqAsAgreed)), "changed: contact arrangement changed from direct contact monthly to direct contact as agreed"},
		{r(circle(graph.CircleClose)), r(), "moved_circle: moved from the close circle to no circle"},
		{r(), r(arranged(graph.ContactNone, "")), "contact_dropped: contact arrangement recorded as no contact (no arrangement was recorded before)"},
		{r(arranged(graph.ContactNone, "")), r(), "changed: contact arrangement changed from no contact to no recorded arrangement"},
		{r(arranged(graph.ContactDirect, graph.FreqWeekly)), r(), "contact_dropped: contact arrangement reduced from direct contact weekly to no recorded arrangement"},
		{r(), r(arranged(graph.ContactIndirect, graph.FreqMonthly)), "changed: contact arrangement increased from no recorded arrangement to indirect contact monthly"},
	}
	for _, tc := range cases {
		var got []string
		for _, c := range compareRel("amy", tc.o, tc.n) {
			got = append(got, string(c.Kind)+": "+c.Detail)
		}
		if strings.Join(got, "; ") != tc.want {
			t.Errorf("got %q, want %q", strings.Join(got, "; "), tc.want)
		}
	}
}

// A restriction counts in a review from the date it is in force, so one
// recorded to start between the two dates reads as added.
func TestReviewRestrictionSince(t *testing.T) {
	cases := []struct {
		name, since string
		want        string
	}{
		{"in force before the last review", "2023-06-01", ""},
		{"starts between the reviews", "2024-03-01", "changed s1: restriction added: no contact, by order"},
		{"starts after now", "2024-09-01", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			at := func(asOf string) *graph.Network {
				return newNet("amy", asOf).child("amy", "Amy Test", "2014-03-01", "2023-01-10").
					child("jack", "Jack Test", "2016-02-01", "").
					sib("s1", "amy", "jack", graph.SiblingFull, restrictedSince(graph.RestrictNoContact, tc.since)).net()
			}
			var lines []string
			for _, c := range Review(at("2024-01-01"), at("2024-06-01")) {
				lines = append(lines, fmt.Sprintf("%s %s: %s", c.Kind, c.Relationship, c.Detail))
			}
			if got := strings.Join(lines, "\n"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// A review says when a sibling moved in with the child or apart, as long
// as both homes are recorded at both dates.
func TestReviewLivingTogether(t *testing.T) {
	cases := []struct {
		name  string
		build func(b *builder)
		want  string
	}{
		{"reunited", func(b *builder) {
			b.lives("jack", "h-elm", "2023-01-10", "2024-02-29").lives("jack", "h-oak", "2024-03-01", "")
		}, "changed jack s1: now living in the same home; they lived apart at the last review"},
		{"separated", func(b *builder) {
			b.lives("jack", "h-oak", "2023-01-10", "2024-02-29").lives("jack", "h-elm", "2024-03-01", "")
		}, "changed jack s1: now living in different homes; they lived together at the last review"},
		{"apart at both dates", func(b *builder) {
			b.lives("jack", "h-elm", "2023-01-10", "")
		}, ""},
		{"home not recorded at the last review", func(b *builder) {
			b.lives("jack", "h-oak", "2024-03-01", "")
		}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := newNet("amy", "2024-06-01").child("amy", "Amy Test", "2014-03-01", "2023-01-10").
				child("jack", "Jack Test", "2016-02-01", "2023-01-10").
				home("h-oak", graph.HouseholdFoster, "Oak foster home").home("h-elm", graph.HouseholdFoster, "Elm foster home").
				lives("amy", "h-oak", "2023-01-10", "").
				sib("s1", "amy", "jack", graph.SiblingFull).contact("amy", "jack", "2024-05-01")
			tc.build(b)
			validate(t, b.net())
			before := b.n
			before.AsOf = graph.MustDate("2024-01-01")
			var lines []string
			for _, c := range Review(&before, b.net()) {
				lines = append(lines, fmt.Sprintf("%s %s %s: %s", c.Kind, c.Person, c.Relationship, c.Detail))
			}
			if got := strings.Join(lines, "\n"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
