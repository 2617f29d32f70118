package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// stepFamily is the example: Leo (9, looked after) lived at Mum's
// flat with Mum and Erin, the daughter of Mum's partner Ross, until he
// became looked after; as of 1 November 2026 he is in foster care. Erin
// is not looked after. Only the relationships the cases add are missing.
func stepFamily() *builder {
	return newNet("leo", "2026-11-01").
		child("leo", "Leo Test", "2017-04-11", "2024-03-04").
		child("erin", "Erin Test", "2014-06-02", "").
		adult("mum", "Mum Test").
		adult("ross", "Ross Test").
		home("h-flat", graph.HouseholdBirthFamily, "Mum's flat").
		home("h-oak", graph.HouseholdFoster, "Oak foster home").
		lives("mum", "h-flat", "2015-01-01", "").
		lives("leo", "h-flat", "2017-04-11", "2024-03-03").
		lives("leo", "h-oak", "2024-03-04", "").
		lives("erin", "h-flat", "2022-06-01", "").
		rel("p-mum-leo", "mum", "leo", graph.RelParent).
		rel("p-ross-erin", "ross", "erin", graph.RelParent)
}

func TestStepSibling(t *testing.T) {
	cases := []struct {
		name     string
		build    func(b *builder)
		want     int // step-sibling flags for Leo
		contains []string
	}{
		{"the issue's example: the partner's child lived in the same home", func(b *builder) {
			b.rel("pt-mum-ross", "mum", "ross", graph.RelPartner, since("2021-09-01"))
		}, 1, []string{
			"Leo and Erin lived in the same home (Mum's flat) from 1 June 2022 to 3 March 2024.",
			"Erin is a child of Ross, the partner of Leo's parent Mum.",
			"no sibling relationship is recorded between them",
		}},
		{"partner recorded the other way round", func(b *builder) {
			b.rel("pt-mum-ross", "ross", "mum", graph.RelPartner)
		}, 1, []string{"Mum's flat"}},
		{"still living together: since", func(b *builder) {
			b.lives("erin", "h-oak", "2024-05-01", "").
				rel("pt-mum-ross", "mum", "ross", graph.RelPartner)
		}, 1, []string{"(Oak foster home) since 1 May 2024"}},
		{"never lived together", func(b *builder) {
			b.n.Residences = slices.DeleteFunc(b.n.Residences, func(r graph.Residence) bool { return r.Person == "erin" })
			b.lives("erin", "h-oak", "2010-01-01", "2012-01-01").
				rel("pt-mum-ross", "mum", "ross", graph.RelPartner)
		}, 0, nil},
		{"no partner relationship", func(b *builder) {}, 0, nil},
		{"lived together only before the partnership began", func(b *builder) {
			b.rel("pt-mum-ross", "mum", "ross", graph.RelPartner, since("2024-06-01"))
		}, 0, nil},
		{"partnership not yet begun at the date", func(b *builder) {
			b.rel("pt-mum-ross", "mum", "ross", graph.RelPartner, since("2026-12-01"))
		}, 0, nil},
		{"step tie already recorded", func(b *builder) {
			b.rel("pt-mum-ross", "mum", "ross", graph.RelPartner).
				sib("s-leo-erin", "leo", "erin", graph.SiblingStep)
		}, 0, nil},
		{"a sibling tie recorded and ended still counts as recorded", func(b *builder) {
			b.rel("pt-mum-ross", "mum", "ross", graph.RelPartner).
				sib("s-leo-erin", "erin", "leo", graph.SiblingLike, since("2022-06-01"), until("2025-01-01"))
		}, 0, nil},
		{"a parent in common is flagged as a shared parent, not as a step-sibling", func(b *builder) {
			b.rel("pt-mum-ross", "mum", "ross", graph.RelPartner).
				rel("p-mum-erin", "mum", "erin", graph.RelParent)
		}, 0, nil},
		{"a partner of someone who is not a parent", func(b *builder) {
			b.adult("gran", "Gran Test").
				rel("pt-gran-ross", "gran", "ross", graph.RelPartner)
		}, 0, nil},
		{"a pet of the partner's is no sibling", func(b *builder) {
			b.pet("rex", "Rex").lives("rex", "h-flat", "2022-06-01", "").
				rel("pt-mum-ross", "mum", "ross", graph.RelPartner).
				rel("p-ross-rex", "ross", "rex", graph.RelParent)
		}, 1, []string{"Erin"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := stepFamily()
			tc.build(b)
			validate(t, b.net())
			fs := Flags(b.net(), Options{})
			var step []Flag
			for _, f := range only(fs, UnrecordedSibling) {
				if slices.Contains(f.Evidence.Households, "h-flat") || slices.Contains(f.Evidence.Households, "h-oak") {
					step = append(step, f)
				}
			}
			if len(step) != tc.want {
				t.Fatalf("step-sibling flags: got %d, want %d (all flags %v)", len(step), tc.want, kinds(fs))
			}
			if tc.want == 0 {
				if n := len(only(fs, UnrecordedSibling)); n != 0 && !strings.Contains(tc.name, "parent in common") {
					t.Errorf("got %d unrecorded_sibling flags, want none", n)
				}
				return
			}
			f := step[0]
			if f.Severity != Medium {
				t.Errorf("severity: got %s, want medium", f.Severity)
			}
			if got := f.Evidence.People; len(got) != 4 || got[0] != "leo" || got[1] != "erin" || got[2] != "mum" || got[3] != "ross" {
				t.Errorf("evidence people: got %v, want [leo erin mum ross]", got)
			}
			if !slices.Contains(f.Evidence.Relationships, "pt-mum-ross") && !slices.Contains(f.Evidence.Relationships, "pt-gran-ross") {
				t.Errorf("evidence relationships %v do not name the partner relationship", f.Evidence.Relationships)
			}
			for _, s := range tc.contains {
				if !strings.Contains(f.Explanation, s) {
					t.Errorf("explanation %q does not contain %q", f.Explanation, s)
				}
			}
		})
	}
}

// TestStepSiblingSharedParentFlaggedOnce: a partner's child who also
// shares a parent with the child gets the shared-parent flag only.
func TestStepSiblingSharedParentFlaggedOnce(t *testing.T) {
	b := stepFamily().
		rel("pt-mum-ross", "mum", "ross", graph.RelPartner).
		rel("p-mum-erin", "mum", "erin", graph.RelParent)
	fs := only(Flags(b.net(), Options{}), UnrecordedSibling)
	if len(fs) != 1 || !strings.Contains(fs[0].Explanation, "share a parent (Mum)") {
		t.Fatalf("got %d unrecorded_sibling flags %v, want one for the shared parent", len(fs), fs)
	}
}
