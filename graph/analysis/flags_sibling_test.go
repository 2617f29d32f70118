package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// twoHomes is Amy (10, looked after) in Oak foster home and Jack (8,
// looked after) at Gran's house, as of 1 June 2024, with no relationship
// between them yet.
func twoHomes() *builder {
	return newNet("amy", "2024-06-01").
		child("amy", "Amy Test", "2014-03-01", "2023-01-10").
		child("jack", "Jack Test", "2016-02-01", "2023-01-10").
		adult("gran", "Gran Test").
		home("h-oak", graph.HouseholdFoster, "Oak foster home").
		home("h-gran", graph.HouseholdKinship, "Gran's house").
		lives("amy", "h-oak", "2023-01-10", "").
		lives("jack", "h-gran", "2023-01-10", "").
		lives("gran", "h-gran", "2010-01-01", "")
}

func TestSeparatedSibling(t *testing.T) {
	cases := []struct {
		name     string
		build    func(b *builder)
		want     Severity // "" for no flag
		contains []string
	}{
		{"no reason and no contact arrangement", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull)
		}, High, []string{
			"Amy and Jack are both looked after and live in different homes (Oak foster home and Gran's house).",
			"No reason for the separation is recorded and no contact arrangement is in place.",
		}},
		{"reason and working contact", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull, separated(graph.SeparationNoPlacement), arranged(graph.ContactDirect, graph.FreqMonthly)).
				contact("amy", "jack", "2024-05-20")
		}, Info, []string{"no placement could take them together", "direct contact monthly", "20 May 2024"}},
		{"reason but no arrangement", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingHalf, separated(graph.SeparationChildWish))
		}, Medium, []string{"a child's own wish", "No contact arrangement is in place."}},
		{"working contact but no reason", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull, arranged(graph.ContactDirect, graph.FreqWeekly)).
				contact("jack", "amy", "2024-05-29")
		}, Medium, []string{"No reason for the separation is recorded."}},
		{"reason but contact less frequent than planned", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull, separated(graph.SeparationNotSafe), arranged(graph.ContactDirect, graph.FreqWeekly)).
				contact("amy", "jack", "2024-04-22")
		}, Medium, []string{"but the last contact was on 22 April 2024, 40 days ago"}},
		{"no reason and contact behind plan", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull, arranged(graph.ContactDirect, graph.FreqFortnightly))
		}, High, []string{"but no contact between them is recorded"}},
		{"planned contact not yet due", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull, separated(graph.SeparationNotSafe), arranged(graph.ContactDirect, graph.FreqQuarterly), since("2024-05-01"))
		}, Info, nil},
		{"reason and contact as agreed, none ever recorded", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull, separated(graph.SeparationNoPlacement), arranged(graph.ContactDirect, graph.FreqAsAgreed))
		}, Medium, []string{"The plan is for direct contact as agreed, but no contact between them is recorded."}},
		{"reason and contact as agreed, lapsed", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull, separated(graph.SeparationNoPlacement), arranged(graph.ContactDirect, graph.FreqAsAgreed)).
				contact("amy", "jack", "2024-01-01")
		}, Medium, []string{"The plan is for direct contact as agreed, but the last contact was on 1 January 2024, 152 days ago, longer than 90 days."}},
		{"reason and contact as agreed, recent", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull, separated(graph.SeparationNoPlacement), arranged(graph.ContactDirect, graph.FreqAsAgreed)).
				contact("amy", "jack", "2024-04-01")
		}, Info, []string{"The plan is for direct contact as agreed; the last contact was on 1 April 2024."}},
		{"no reason, frequency not recorded, lapsed", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull, arranged(graph.ContactIndirect, "")).
				contact("amy", "jack", "2023-12-01")
		}, High, []string{"The plan is for indirect contact, but the last contact was on 1 December 2023"}},
		{"reason and contact as agreed, relationship recorded recently", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull, separated(graph.SeparationNoPlacement), arranged(graph.ContactDirect, graph.FreqAsAgreed), since("2024-05-01"))
		}, Info, nil},
		{"arrangement of no contact without a restriction", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull, separated(graph.SeparationNotSafe), arranged(graph.ContactNone, ""))
		}, Medium, []string{"no restriction is recorded"}},
		{"reason and contact restricted by order", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull, separated(graph.SeparationNotSafe), restricted(graph.RestrictNoContact))
		}, Info, []string{"restricted (no contact, by order)"}},
		{"no-contact order starting after the date does not count yet", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull, separated(graph.SeparationNotSafe), restrictedSince(graph.RestrictNoContact, "2025-01-01"))
		}, Medium, []string{"No contact arrangement is in place."}},
		{"no-contact order in force since before the date", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingFull, separated(graph.SeparationNotSafe), restrictedSince(graph.RestrictNoContact, "2024-01-01"))
		}, Info, []string{"restricted (no contact, by order)"}},
		{"step sibling counts", func(b *builder) {
			b.sib("s1", "jack", "amy", graph.SiblingStep)
		}, High, nil},
		{"sibling-like counts", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingLike)
		}, High, nil},
		{"shared parent without a sibling relationship", func(b *builder) {
			b.adult("dad", "Dad Test").rel("p1", "dad", "amy", graph.RelParent).rel("p2", "dad", "jack", graph.RelParent)
		}, High, []string{"share a parent (Dad), but no sibling relationship is recorded"}},
		{"shared parent whose relationship with one has ended", func(b *builder) {
			b.adult("dad", "Dad Test").rel("p1", "dad", "amy", graph.RelParent).rel("p2", "dad", "jack", graph.RelParent, until("2023-06-01"))
		}, High, []string{"share a parent (Dad)"}},
		{"sibling relationship ended", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingLike, until("2024-01-01"))
		}, "", nil},
		{"sibling relationship not started", func(b *builder) {
			b.sib("s1", "amy", "jack", graph.SiblingLike, since("2024-07-01"))
		}, "", nil},
		{"sibling is an adult", func(b *builder) {
			b.n.People[1].DateOfBirth = graph.MustDate("2005-01-01")
			b.sib("s1", "amy", "jack", graph.SiblingFull)
		}, "", nil},
		{"sibling is not looked after", func(b *builder) {
			b.n.People[1].LookedAfter, b.n.People[1].LookedAfterSince = false, graph.Date{}
			b.sib("s1", "amy", "jack", graph.SiblingFull)
		}, "", nil},
		{"sibling looked after only later", func(b *builder) {
			b.n.People[1].LookedAfterSince = graph.MustDate("2024-07-01")
			b.sib("s1", "amy", "jack", graph.SiblingFull)
		}, "", nil},
		{"sibling's care ended before the date", func(b *builder) {
			b.n.People[1].LookedAfterUntil = graph.MustDate("2024-05-31")
			b.sib("s1", "amy", "jack", graph.SiblingFull)
		}, "", nil},
		{"sibling's care ends on the date", func(b *builder) {
			b.n.People[1].LookedAfterUntil = graph.MustDate("2024-06-01")
			b.sib("s1", "amy", "jack", graph.SiblingFull)
		}, High, nil},
		{"child's care ended before the date", func(b *builder) {
			b.n.People[0].LookedAfterUntil = graph.MustDate("2024-01-31")
			b.sib("s1", "amy", "jack", graph.SiblingFull)
		}, "", nil},
		{"child is not looked after", func(b *builder) {
			b.n.People[0].LookedAfter, b.n.People[0].LookedAfterSince = false, graph.Date{}
			b.sib("s1", "amy", "jack", graph.SiblingFull)
		}, "", nil},
		{"living together", func(b *builder) {
			b.n.Residences[1].Household = "h-oak"
			b.sib("s1", "amy", "jack", graph.SiblingFull)
		}, "", nil},
		{"sibling's home not recorded", func(b *builder) {
			b.n.Residences = slices.Delete(b.n.Residences, 1, 2)
			b.sib("s1", "amy", "jack", graph.SiblingFull)
		}, "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := twoHomes()
			tc.build(b)
			validate(t, b.net())
			got := only(Flags(b.net(), DefaultOptions()), SeparatedSibling)
			if tc.want == "" {
				if len(got) != 0 {
					t.Fatalf("got %d separated_sibling flags (%q), want none", len(got), got[0].Explanation)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("got %d separated_sibling flags, want 1", len(got))
			}
			f := got[0]
			if f.Severity != tc.want {
				t.Errorf("got severity %s, want %s (%s)", f.Severity, tc.want, f.Explanation)
			}
			for _, s := range tc.contains {
				if !strings.Contains(f.Explanation, s) {
					t.Errorf("got explanation %q, want it to contain %q", f.Explanation, s)
				}
			}
			if !slices.Equal(f.Evidence.People[:2], []graph.ID{"amy", "jack"}) {
				t.Errorf("got people %v, want amy then jack first", f.Evidence.People)
			}
			if !slices.Equal(f.Evidence.Households, []graph.ID{"h-oak", "h-gran"}) {
				t.Errorf("got households %v, want [h-oak h-gran]", f.Evidence.Households)
			}
		})
	}
}

// A sibling who lived apart in the past but lives with the child now is
// flagged as of the past date only.
func TestSeparatedSiblingPastNotNow(t *testing.T) {
	b := newNet("amy", "2024-06-01").
		child("amy", "Amy Test", "2014-03-01", "2022-01-10").
		child("jack", "Jack Test", "2016-02-01", "2022-01-10").
		home("h-oak", graph.HouseholdFoster, "Oak foster home").
		home("h-elm", graph.HouseholdFoster, "Elm foster home").
		lives("amy", "h-oak", "2022-01-10", "").
		lives("jack", "h-elm", "2022-01-10", "2023-12-31").
		lives("jack", "h-oak", "2024-01-01", "").
		sib("s1", "amy", "jack", graph.SiblingFull)
	validate(t, b.net())
	if got := only(Flags(b.net(), DefaultOptions()), SeparatedSibling); len(got) != 0 {
		t.Errorf("now: got %d separated_sibling flags, want 0", len(got))
	}
	if g, ok := SiblingGroupOf(b.net(), "amy"); !ok || g.Status != Together {
		t.Errorf("now: got group status %q (found %v), want together", g.Status, ok)
	}
	past := b.n
	past.AsOf = graph.MustDate("2023-06-01")
	got := only(Flags(&past, DefaultOptions()), SeparatedSibling)
	if len(got) != 1 || got[0].Severity != High {
		t.Fatalf("past: got %v, want one high separated_sibling flag", got)
	}
	if !strings.Contains(got[0].Explanation, "(Oak foster home and Elm foster home)") {
		t.Errorf("past: got %q, want the two homes named", got[0].Explanation)
	}
	if g, ok := SiblingGroupOf(&past, "amy"); !ok || g.Status != Apart {
		t.Errorf("past: got group status %q, want apart", g.Status)
	}
}

// A sibling whose care episode ended before the date (he went home to
// Gran's house, still apart from Amy) no longer counts as looked after:
// no separated_sibling flag now, but one at a date within the episode,
// and the sibling group and the authority report agree.
func TestSeparatedSiblingCareEnded(t *testing.T) {
	b := twoHomes().sib("s1", "amy", "jack", graph.SiblingFull)
	b.n.People[1].LookedAfterUntil = graph.MustDate("2024-03-31")
	validate(t, b.net())
	if got := only(Flags(b.net(), DefaultOptions()), SeparatedSibling); len(got) != 0 {
		t.Errorf("now: got %d separated_sibling flags (%q), want 0", len(got), got[0].Explanation)
	}
	if g, ok := SiblingGroupOf(b.net(), "amy"); !ok || g.Status != NotApplicable || g.Members[1].LookedAfter {
		t.Errorf("now: got group %+v (found %v), want not_applicable with Jack not looked after", g, ok)
	}
	if r := SiblingPlacementReport(b.net()); r.LookedAfterChildren != 1 || r.WithLookedAfterSibling != 0 || r.Separations != 0 {
		t.Errorf("now: got report %+v, want 1 looked-after child, none with a looked-after sibling", r)
	}
	past := b.n
	past.AsOf = graph.MustDate("2024-03-31") // the last day of Jack's care episode
	got := only(Flags(&past, DefaultOptions()), SeparatedSibling)
	if len(got) != 1 || got[0].Severity != High {
		t.Fatalf("past: got %v, want one high separated_sibling flag", got)
	}
	if g, ok := SiblingGroupOf(&past, "amy"); !ok || g.Status != Apart {
		t.Errorf("past: got group status %q, want apart", g.Status)
	}
	if r := SiblingPlacementReport(&past); r.LookedAfterChildren != 2 || r.Separated != 2 || r.Separations != 1 || r.SeparationsNoReason != 1 {
		t.Errorf("past: got report %+v, want 2 looked-after children, both separated, 1 separation without reason", r)
	}
}

func TestUnrecordedSibling(t *testing.T) {
	cases := []struct {
		name     string
		build    func(b *builder)
		want     []graph.ID // the other sibling of each flag, in order
		severity Severity
		contains string
	}{
		{"shared parent, no sibling relationship", func(b *builder) {
			b.adult("dad", "Dad Test").rel("p1", "dad", "amy", graph.RelParent).rel("p2", "dad", "jack", graph.RelParent)
		}, []graph.ID{"jack"}, High, "so they are siblings by the legal definition"},
		{"two shared parents: full siblings", func(b *builder) {
			b.adult("dad", "Dad Test").adult("mum", "Mum Test").
				rel("p1", "dad", "amy", graph.RelParent).rel("p2", "dad", "jack", graph.RelParent).
				rel("p3", "mum", "amy", graph.RelParent).rel("p4", "mum", "jack", graph.RelParent)
		}, []graph.ID{"jack"}, High, "share parents (Dad and Mum), so they are full siblings"},
		{"one shared parent of two each: half-siblings", func(b *builder) {
			b.adult("dad", "Dad Test").adult("mum", "Mum Test").adult("mum2", "Other Mum").
				rel("p1", "dad", "amy", graph.RelParent).rel("p2", "dad", "jack", graph.RelParent).
				rel("p3", "mum", "amy", graph.RelParent).rel("p4", "mum2", "jack", graph.RelParent)
		}, []graph.ID{"jack"}, High, "so they are half-siblings"},
		{"sibling not looked after: medium", func(b *builder) {
			b.n.People[1].LookedAfter, b.n.People[1].LookedAfterSince = false, graph.Date{}
			b.adult("dad", "Dad Test").rel("p1", "dad", "amy", graph.RelParent).rel("p2", "dad", "jack", graph.RelParent)
		}, []graph.ID{"jack"}, Medium, ""},
		{"recorded sibling relationship", func(b *builder) {
			b.adult("dad", "Dad Test").rel("p1", "dad", "amy", graph.RelParent).rel("p2", "dad", "jack", graph.RelParent).
				sib("s1", "jack", "amy", graph.SiblingHalf)
		}, nil, "", ""},
		{"sibling relationship ended", func(b *builder) {
			b.adult("dad", "Dad Test").rel("p1", "dad", "amy", graph.RelParent).rel("p2", "dad", "jack", graph.RelParent).
				sib("s1", "jack", "amy", graph.SiblingHalf, until("2023-05-01"))
		}, []graph.ID{"jack"}, High, "was recorded but ended on 1 May 2023"},
		{"parent relationship ended for one: still siblings in law", func(b *builder) {
			b.adult("dad", "Dad Test").rel("p1", "dad", "amy", graph.RelParent).rel("p2", "dad", "jack", graph.RelParent, until("2020-01-01"))
		}, []graph.ID{"jack"}, High, "share a parent (Dad), so they are siblings by the legal definition"},
		{"parent relationships ended for both (adoption)", func(b *builder) {
			b.adult("dad", "Dad Test").adult("mum", "Mum Test").
				rel("p1", "dad", "amy", graph.RelParent, until("2021-01-01")).rel("p2", "dad", "jack", graph.RelParent, until("2021-01-01")).
				rel("p3", "mum", "amy", graph.RelParent, until("2021-01-01")).rel("p4", "mum", "jack", graph.RelParent, until("2021-01-01"))
		}, []graph.ID{"jack"}, High, "share parents (Dad and Mum), so they are full siblings"},
		{"parent relationship not started by the date", func(b *builder) {
			b.adult("dad", "Dad Test").rel("p1", "dad", "amy", graph.RelParent).rel("p2", "dad", "jack", graph.RelParent, since("2024-07-01"))
		}, nil, "", ""},
		{"grandparent in common is not a parent", func(b *builder) {
			b.rel("g1", "gran", "amy", graph.RelGrandparent).rel("g2", "gran", "jack", graph.RelGrandparent)
		}, nil, "", ""},
		{"parent's pet is not a sibling", func(b *builder) {
			b.adult("dad", "Dad Test").pet("rex", "Rex").rel("p1", "dad", "amy", graph.RelParent).rel("p2", "dad", "rex", graph.RelParent)
		}, nil, "", ""},
		{"the child is the parent's only child", func(b *builder) {
			b.adult("dad", "Dad Test").rel("p1", "dad", "amy", graph.RelParent)
		}, nil, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := twoHomes()
			tc.build(b)
			validate(t, b.net())
			got := only(Flags(b.net(), DefaultOptions()), UnrecordedSibling)
			var others []graph.ID
			for _, f := range got {
				others = append(others, f.Evidence.People[1])
			}
			if !slices.Equal(others, tc.want) {
				t.Fatalf("got unrecorded siblings %v, want %v", others, tc.want)
			}
			if len(got) == 0 {
				return
			}
			if got[0].Severity != tc.severity {
				t.Errorf("got severity %s, want %s", got[0].Severity, tc.severity)
			}
			if !strings.Contains(got[0].Explanation, tc.contains) {
				t.Errorf("got explanation %q, want it to contain %q", got[0].Explanation, tc.contains)
			}
		})
	}
}
