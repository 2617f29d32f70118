package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// movedIn is Amy (10), who lived at home with Mum until she moved to Oak
// foster home on 10 January 2023; as of 1 June 2024.
func movedIn() *builder {
	return newNet("amy", "2024-06-01").
		child("amy", "Amy Test", "2014-03-01", "2023-01-10").
		adult("mum", "Mum Test").
		home("h-home", graph.HouseholdBirthFamily, "Mum's flat").
		home("h-oak", graph.HouseholdFoster, "Oak foster home").
		lives("amy", "h-home", "2014-03-01", "2023-01-09").
		lives("amy", "h-oak", "2023-01-10", "").
		lives("mum", "h-home", "2010-01-01", "")
}

func TestLostConnection(t *testing.T) {
	cases := []struct {
		name     string
		opt      Options
		build    func(b *builder)
		kind     FlagKind // "" for no flag
		severity Severity
		contains string
	}{
		{"sibling with no contact for 152 days", Options{}, func(b *builder) {
			b.child("jack", "Jack Test", "2016-02-01", "").lives("jack", "h-home", "2016-02-01", "").
				sib("s1", "amy", "jack", graph.SiblingHalf).contact("amy", "jack", "2024-01-01").
				rel("p1", "mum", "amy", graph.RelParent, restricted(graph.RestrictNoContact))
		}, LostConnection, High, "Jack is Amy's half-sibling. There has been no recorded contact between them for 152 days, longer than 90 days: the last contact was on 1 January 2024."},
		{"sibling seen 61 days ago", Options{}, func(b *builder) {
			b.child("jack", "Jack Test", "2016-02-01", "").lives("jack", "h-home", "2016-02-01", "").
				sib("s1", "amy", "jack", graph.SiblingHalf).contact("amy", "jack", "2024-04-01")
		}, "", "", ""},
		{"threshold is configurable", Options{LostAfterDays: 200}, func(b *builder) {
			b.child("jack", "Jack Test", "2016-02-01", "").lives("jack", "h-home", "2016-02-01", "").
				sib("s1", "amy", "jack", graph.SiblingHalf).contact("amy", "jack", "2024-01-01")
		}, "", "", ""},
		{"parent without restriction", Options{}, func(b *builder) {
			b.rel("p1", "mum", "amy", graph.RelParent).contact("mum", "amy", "2024-02-20")
		}, LostConnection, Medium, "Mum is Amy's parent."},
		{"restricted parent: no contact", Options{}, func(b *builder) {
			b.rel("p1", "mum", "amy", graph.RelParent, restricted(graph.RestrictNoContact)).contact("mum", "amy", "2023-02-20")
		}, "", "", ""},
		{"no-contact order starting after the date does not count yet", Options{}, func(b *builder) {
			b.rel("p1", "mum", "amy", graph.RelParent, restrictedSince(graph.RestrictNoContact, "2025-01-01")).contact("mum", "amy", "2024-01-15")
		}, LostConnection, Medium, "Mum is Amy's parent. There has been no recorded contact between them for 138 days"},
		{"no-contact order in force since before the date", Options{}, func(b *builder) {
			b.rel("p1", "mum", "amy", graph.RelParent, restrictedSince(graph.RestrictNoContact, "2024-01-01")).contact("mum", "amy", "2024-01-15")
		}, "", "", ""},
		{"restricted parent: supervised only, not seen since the move", Options{}, func(b *builder) {
			b.rel("p1", "mum", "amy", graph.RelParent, restricted(graph.RestrictSupervised), circleTo(graph.CircleClosest)).contact("mum", "amy", "2023-02-20")
		}, LostAtMove, High, "Contact between them must be supervised (by order), but supervised contact should still take place."},
		{"restricted parent: supervised only, not seen for 138 days", Options{}, func(b *builder) {
			b.rel("p1", "mum", "amy", graph.RelParent, arranged(graph.ContactDirect, graph.FreqMonthly), restricted(graph.RestrictSupervised)).
				contact("mum", "amy", "2024-01-15")
		}, LostConnection, Medium, "longer than 90 days: the last contact was on 15 January 2024. The plan is for direct contact monthly. Contact between them must be supervised (by order), but supervised contact should still take place."},
		{"restricted parent: supervised only, seen recently", Options{}, func(b *builder) {
			b.rel("p1", "mum", "amy", graph.RelParent, restricted(graph.RestrictSupervised)).contact("mum", "amy", "2024-05-15")
		}, "", "", ""},
		{"the child is the parent: not a parent of the child", Options{}, func(b *builder) {
			b.child("baby", "Baby Test", "2023-12-01", "").rel("p1", "amy", "baby", graph.RelParent)
		}, "", "", ""},
		{"friend in the close circle", Options{}, func(b *builder) {
			b.child("zoe", "Zoe Test", "2014-01-01", "").rel("f1", "amy", "zoe", graph.RelFriend, circle(graph.CircleClose)).
				contact("zoe", "amy", "2023-12-01")
		}, LostConnection, Medium, "Amy places Zoe in the close circle."},
		{"friend in the closest circle, view on the other end", Options{}, func(b *builder) {
			b.child("zoe", "Zoe Test", "2014-01-01", "").rel("f1", "zoe", "amy", graph.RelFriend, circleTo(graph.CircleClosest)).
				contact("zoe", "amy", "2023-12-01")
		}, LostConnection, High, "Amy places Zoe in the closest circle."},
		{"friend's own view does not count", Options{}, func(b *builder) {
			b.child("zoe", "Zoe Test", "2014-01-01", "").rel("f1", "zoe", "amy", graph.RelFriend, circle(graph.CircleClosest)).
				contact("zoe", "amy", "2023-12-01")
		}, "", "", ""},
		{"friend in the further circle", Options{}, func(b *builder) {
			b.child("zoe", "Zoe Test", "2014-01-01", "").rel("f1", "amy", "zoe", graph.RelFriend, circle(graph.CircleFurther))
		}, "", "", ""},
		{"grandparent outside the circles", Options{}, func(b *builder) {
			b.adult("gran", "Gran Test").rel("g1", "gran", "amy", graph.RelGrandparent)
		}, "", "", ""},
		{"grandfather with a monthly arrangement, no circle recorded, contact stopped at the move", Options{}, func(b *builder) {
			b.adult("grandad", "Grandad Test").rel("g1", "grandad", "amy", graph.RelGrandparent, arranged(graph.ContactDirect, graph.FreqMonthly)).
				contact("grandad", "amy", "2022-12-20").contact("grandad", "amy", "2023-01-21")
		}, LostAtMove, Medium, "Grandad is Amy's grandparent. Contact stopped around the time Amy moved from Mum's flat to Oak foster home on 10 January 2023: the last contact was on 21 January 2023, 497 days ago. The plan is for direct contact monthly."},
		{"grandfather with a monthly arrangement, no circle recorded, no contact for 121 days", Options{}, func(b *builder) {
			b.adult("grandad", "Grandad Test").rel("g1", "grandad", "amy", graph.RelGrandparent, arranged(graph.ContactDirect, graph.FreqMonthly)).
				contact("grandad", "amy", "2024-02-01")
		}, LostConnection, Medium, "Grandad is Amy's grandparent. There has been no recorded contact between them for 121 days, longer than 90 days"},
		{"grandfather in the further circle with a planned arrangement", Options{}, func(b *builder) {
			b.adult("grandad", "Grandad Test").rel("g1", "grandad", "amy", graph.RelGrandparent, arranged(graph.ContactIndirect, graph.FreqQuarterly), circleTo(graph.CircleFurther)).
				contact("grandad", "amy", "2023-09-01")
		}, LostConnection, Medium, "Grandad is Amy's grandparent. There has been no recorded contact between them for 274 days, longer than 115 days: the last contact was on 1 September 2023. The plan is for indirect contact every three months."},
		{"grandfather with a planned arrangement, seen within its gap", Options{}, func(b *builder) {
			b.adult("grandad", "Grandad Test").rel("g1", "grandad", "amy", graph.RelGrandparent, arranged(graph.ContactDirect, graph.FreqMonthly)).
				contact("grandad", "amy", "2024-05-01")
		}, "", "", ""},
		{"grandfather whose arrangement is no contact", Options{}, func(b *builder) {
			b.adult("grandad", "Grandad Test").rel("g1", "grandad", "amy", graph.RelGrandparent, arranged(graph.ContactNone, "")).
				contact("grandad", "amy", "2023-01-21")
		}, "", "", ""},
		{"grandfather with a planned arrangement under a no-contact order", Options{}, func(b *builder) {
			b.adult("grandad", "Grandad Test").rel("g1", "grandad", "amy", graph.RelGrandparent, arranged(graph.ContactDirect, graph.FreqMonthly), restricted(graph.RestrictNoContact)).
				contact("grandad", "amy", "2023-01-21")
		}, "", "", ""},
		{"friend with a planned arrangement and no circle", Options{}, func(b *builder) {
			b.child("zoe", "Zoe Test", "2014-01-01", "").rel("f1", "amy", "zoe", graph.RelFriend, arranged(graph.ContactDirect, graph.FreqFortnightly)).
				contact("zoe", "amy", "2023-12-01")
		}, LostConnection, Medium, "Zoe is Amy's friend. There has been no recorded contact between them for 183 days"},
		{"pet in the closest circle", Options{}, func(b *builder) {
			b.pet("rex", "Rex").rel("o1", "amy", "rex", graph.RelOther, circle(graph.CircleClosest))
		}, "", "", ""},
		{"sibling in the same home", Options{}, func(b *builder) {
			b.child("jack", "Jack Test", "2016-02-01", "2023-01-10").lives("jack", "h-oak", "2023-01-10", "").
				sib("s1", "amy", "jack", graph.SiblingFull)
		}, "", "", ""},
		{"ended relationship is history", Options{}, func(b *builder) {
			b.child("jack", "Jack Test", "2016-02-01", "").sib("s1", "amy", "jack", graph.SiblingLike, until("2023-06-01"))
		}, "", "", ""},
		{"no contact ever, relationship of unrecorded start", Options{}, func(b *builder) {
			b.child("jack", "Jack Test", "2016-02-01", "").sib("s1", "amy", "jack", graph.SiblingHalf)
		}, LostConnection, High, "No contact between them is recorded at all."},
		{"no contact yet, relationship recorded recently", Options{}, func(b *builder) {
			b.child("jack", "Jack Test", "2016-02-01", "").sib("s1", "amy", "jack", graph.SiblingLike, since("2024-04-01"))
		}, "", "", ""},
		{"lived together until the move, nothing since", Options{}, func(b *builder) {
			b.rel("p1", "mum", "amy", graph.RelParent)
		}, LostAtMove, Medium, "Contact stopped around the time Amy moved from Mum's flat to Oak foster home on 10 January 2023: they last lived together on 9 January 2023, 509 days ago."},
		{"contact within the window after the move", Options{}, func(b *builder) {
			b.child("jack", "Jack Test", "2016-02-01", "").sib("s1", "amy", "jack", graph.SiblingFull).contact("amy", "jack", "2023-03-01")
		}, LostAtMove, High, "the last contact was on 1 March 2023"},
		{"contact beyond the window after the move", Options{}, func(b *builder) {
			b.child("jack", "Jack Test", "2016-02-01", "").sib("s1", "amy", "jack", graph.SiblingFull).contact("amy", "jack", "2023-03-15")
		}, LostConnection, High, ""},
		{"window is configurable", Options{MoveWindowDays: 70}, func(b *builder) {
			b.child("jack", "Jack Test", "2016-02-01", "").sib("s1", "amy", "jack", graph.SiblingFull).contact("amy", "jack", "2023-03-15")
		}, LostAtMove, High, ""},
		{"contact stopped before the move", Options{}, func(b *builder) {
			b.child("jack", "Jack Test", "2016-02-01", "").sib("s1", "amy", "jack", graph.SiblingFull).contact("amy", "jack", "2022-11-01")
		}, LostConnection, High, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := movedIn()
			tc.build(b)
			validate(t, b.net())
			fs := Flags(b.net(), tc.opt)
			got := append(only(fs, LostConnection), only(fs, LostAtMove)...)
			if tc.kind == "" {
				if len(got) != 0 {
					t.Fatalf("got %s: %q, want no flag", got[0].Kind, got[0].Explanation)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("got %d lost flags (%v), want 1", len(got), kinds(got))
			}
			f := got[0]
			if f.Kind != tc.kind || f.Severity != tc.severity {
				t.Errorf("got %s/%s, want %s/%s", f.Kind, f.Severity, tc.kind, tc.severity)
			}
			if !strings.Contains(f.Explanation, tc.contains) {
				t.Errorf("got explanation %q, want it to contain %q", f.Explanation, tc.contains)
			}
			if f.Evidence.People[0] != "amy" {
				t.Errorf("got people %v, want the child first", f.Evidence.People)
			}
			if f.Kind == LostAtMove && !slices.Equal(f.Evidence.Households, []graph.ID{"h-home", "h-oak"}) {
				t.Errorf("got households %v, want [h-home h-oak]", f.Evidence.Households)
			}
		})
	}
}
