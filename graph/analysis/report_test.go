package analysis

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/kinmap/kinmap/graph"
	"github.com/kinmap/kinmap/internal/golden"
)

// smallAuthority is a hand-built authority whose figures are worked out by
// hand in TestSiblingPlacementReport.
func smallAuthority() *builder {
	b := newNet("", "2024-06-01").
		home("kin1", graph.HouseholdKinship, "Kin One").
		home("kin2", graph.HouseholdKinship, "Kin Two").
		home("fos1", graph.HouseholdFoster, "Foster One").
		home("fos2", graph.HouseholdFoster, "Foster Two").
		home("fos3", graph.HouseholdFoster, "Foster Three").
		home("res1", graph.HouseholdResidential, "Unit One").
		home("sec1", graph.HouseholdSecure, "Secure One").
		home("sup1", graph.HouseholdSupported, "Flat One").
		home("bf1", graph.HouseholdBirthFamily, "Home One")
	la := func(id, dob, home string) {
		b.child(id, "Kid "+id, dob, "2022-01-01")
		if home != "" {
			b.lives(id, home, "2022-01-01", "")
		}
	}
	// A: together in kinship care.
	la("a1", "2014-01-01", "kin1")
	la("a2", "2016-01-01", "kin1")
	b.sib("sa", "a1", "a2", graph.SiblingFull)
	// B: two together in foster care, one in a children's home.
	la("b1", "2012-01-01", "fos1")
	la("b2", "2013-01-01", "fos1")
	la("b3", "2010-01-01", "res1")
	b.sib("sb1", "b1", "b2", graph.SiblingFull).sib("sb2", "b2", "b3", graph.SiblingHalf).sib("sb3", "b1", "b3", graph.SiblingHalf)
	// C: one looked after, one at home.
	la("c1", "2014-01-01", "fos2")
	b.child("c2", "Kid c2", "2015-01-01", "").lives("c2", "bf1", "2015-01-01", "").sib("sc", "c1", "c2", graph.SiblingFull)
	// D: apart, with a reason recorded.
	la("d1", "2012-01-01", "kin2")
	la("d2", "2008-01-01", "sup1")
	b.sib("sd", "d1", "d2", graph.SiblingFull, separated(graph.SeparationChildWish))
	// E: share a parent, no sibling relationship recorded, apart.
	la("e1", "2015-01-01", "fos2")
	la("e2", "2009-01-01", "sec1")
	b.adult("ep", "Parent E").rel("pe1", "ep", "e1", graph.RelParent).rel("pe2", "ep", "e2", graph.RelParent)
	// F: one with no recorded home.
	la("f1", "2014-01-01", "")
	la("f2", "2015-01-01", "fos3")
	b.sib("sf", "f1", "f2", graph.SiblingFull)
	// G: an adult still marked looked after is not a looked-after child.
	la("g1", "2005-01-01", "sup1")
	la("g2", "2014-01-01", "fos3")
	b.sib("sg", "g1", "g2", graph.SiblingFull)
	return b
}

func TestSiblingPlacementReport(t *testing.T) {
	b := smallAuthority()
	validate(t, b.net())
	got := SiblingPlacementReport(b.net())
	// f1 has no recorded home, so f1 and f2 (whose only looked-after
	// sibling is f1) are not assessed: 9 children are.
	want := Report{
		AsOf:                   graph.MustDate("2024-06-01"),
		LookedAfterChildren:    13, // a1 a2 b1 b2 b3 c1 d1 d2 e1 e2 f1 f2 g2
		WithLookedAfterSibling: 11, // not c1, g2
		HouseholdNotRecorded:   1,  // f1
		Separated:              7,  // b1 b2 b3 d1 d2 e1 e2
		SeparatedRate:          0.7778,
		BySiblings: []Rate{
			{"1", 6, 4, 0.6667}, // a1 a2 d1 d2 e1 e2
			{"2", 3, 3, 1},      // b1 b2 b3
			{"3", 0, 0, 0},
			{"4+", 0, 0, 0},
		},
		ByPlacement: []Rate{
			{"kinship", 3, 1, 0.3333}, // a1 a2 d1
			{"foster", 3, 3, 1},       // b1 b2 e1
			{"residential", 2, 2, 1},  // b3 e2 (secure)
			{"other", 1, 1, 1},        // d2 (supported living)
		},
		// A; B; D; E, a group through the parent in common (F not applicable)
		Groups:              GroupCounts{Groups: 4, Together: 1, PartlyTogether: 1, Apart: 2, SplitRate: 0.75},
		Separations:         4, // b1-b3 b2-b3 d1-d2 e1-e2
		SeparationsNoReason: 3,
		ByAgeBand: []Rate{
			{"0-4", 0, 0, 0},
			{"5-11", 4, 2, 0.5}, // a1 a2 b2 e1
			{"12-15", 4, 4, 1},  // b1 b3 d1 e2
			{"16+", 1, 1, 1},    // d2
			{"not_recorded", 0, 0, 0},
		},
		ByTimeLookedAfter: []Rate{
			{"under_1_year", 0, 0, 0},
			{"1_to_2_years", 0, 0, 0},
			{"2_to_5_years", 9, 7, 0.7778}, // all since 2022-01-01
			{"5_years_or_more", 0, 0, 0},
			{"not_recorded", 0, 0, 0},
		},
		// No arrangement, no contact, never lived together: the four pairs.
		SeparationsByContact: []Count{{"arranged_up_to_date", 0}, {"arranged_not_up_to_date", 0}, {"no_arrangement", 4}, {"restricted", 0}},
		Estrangement:         []Count{{"in_contact", 0}, {"estranged", 0}, {"strangers", 4}},
	}
	if !reportEqual(got, want) {
		t.Errorf("got %+v,\nwant %+v", got, want)
	}
	CheckGolden(t, "report_small_authority.json", got)
	var buf bytes.Buffer
	if err := got.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	checkGoldenText(t, "report_small_authority.csv", buf.Bytes())
}

// A looked-after child whose home is not recorded is neither together
// with nor apart from their siblings, in the report as in sibling groups.
func TestReportUnknownHousehold(t *testing.T) {
	cases := []struct {
		name  string
		homes map[string]string
		want  string // homes not recorded, separated/assessed, group status
	}{
		{"siblings together, one home not recorded", map[string]string{"a": "h1", "b": "h1", "c": ""},
			"not recorded 2, separated 0/2, together"},
		{"siblings apart, one home not recorded", map[string]string{"a": "h1", "b": "h2", "c": ""},
			"not recorded 2, separated 2/2, apart"},
		{"the only other home not recorded", map[string]string{"a": "h1", "c": ""},
			"not recorded 2, separated 0/0, not_applicable"},
		{"no home recorded for anyone", map[string]string{"a": "", "c": ""},
			"not recorded 3, separated 0/0, not_applicable"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := fourHomes().kids(tc.homes).child("x", "Kid x", "2014-01-01", "2020-01-01") // x, with no sibling and no home, is counted as not recorded too
			for _, id := range sortedIDs(keys(tc.homes)) {
				if id != "a" {
					b.sib("s-"+id, "a", id, graph.SiblingFull)
				}
			}
			validate(t, b.net())
			r := SiblingPlacementReport(b.net())
			status := GroupStatus("none")
			if gs := SiblingGroups(b.net()); len(gs) == 1 {
				status = gs[0].Status
			}
			got := fmt.Sprintf("not recorded %d, separated %d/%d, %s", r.HouseholdNotRecorded, r.Separated, r.assessed(), status)
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func reportEqual(a, b Report) bool {
	ja, _ := jsonText(a)
	jb, _ := jsonText(b)
	return ja == jb
}

func TestReportEmpty(t *testing.T) {
	r := SiblingPlacementReport(newNet("", "2024-06-01").net())
	if r.LookedAfterChildren != 0 || len(r.BySiblings) != 4 || len(r.ByPlacement) != 4 || r.SeparatedRate != 0 {
		t.Errorf("got %+v, want zero counts with the four categories each", r)
	}
	var buf bytes.Buffer
	if err := r.WriteCSV(&buf); err != nil {
		t.Errorf("got error %v, want none", err)
	}
}

// checkGoldenText compares raw text with testdata/name.
func checkGoldenText(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}
