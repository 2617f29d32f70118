package analysis

import (
	"strings"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// councilHomes is twoHomes with the homes in the given council areas.
func councilHomes(oak, gran graph.CouncilArea) *builder {
	b := twoHomes()
	for i := range b.n.Households {
		switch b.n.Households[i].ID {
		case "h-oak":
			b.n.Households[i].CouncilArea = oak
		case "h-gran":
			b.n.Households[i].CouncilArea = gran
		}
	}
	return b.sib("s1", "amy", "jack", graph.SiblingFull)
}

func TestSeparatedSiblingCouncilAreas(t *testing.T) {
	cases := []struct {
		name      string
		oak, gran graph.CouncilArea
		want      string // "" for no council sentence
	}{
		{"different councils", "S12000049", "S12000047", "Their homes are in different council areas (Glasgow City and Fife)."},
		{"one outside Scotland", "S12000049", graph.CouncilOutsideScotland, "Their homes are in different council areas (Glasgow City and outside Scotland)."},
		{"the same council", "S12000049", "S12000049", ""},
		{"one not recorded", "S12000049", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := councilHomes(tc.oak, tc.gran)
			validate(t, b.net())
			fs := only(Flags(b.net(), Options{}), SeparatedSibling)
			if len(fs) != 1 {
				t.Fatalf("got %d separated_sibling flags, want 1", len(fs))
			}
			got := strings.Contains(fs[0].Explanation, "council area")
			if tc.want == "" && got {
				t.Errorf("explanation %q mentions council areas, want not", fs[0].Explanation)
			}
			if tc.want != "" && !strings.Contains(fs[0].Explanation, tc.want) {
				t.Errorf("explanation %q does not contain %q", fs[0].Explanation, tc.want)
			}
		})
	}
}

func TestReportGroupsSplitAcrossCouncils(t *testing.T) {
	cases := []struct {
		name      string
		oak, gran graph.CouncilArea
		want      int
	}{
		{"split across two councils", "S12000049", "S12000047", 1},
		{"split within one council", "S12000049", "S12000049", 0},
		{"council of one home not recorded", "S12000049", "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := councilHomes(tc.oak, tc.gran).net()
			n.Child = ""
			r := SiblingPlacementReport(n)
			if r.Groups.Apart != 1 || r.GroupsSplitAcrossCouncils != tc.want {
				t.Errorf("got %d apart, %d across councils; want 1 and %d", r.Groups.Apart, r.GroupsSplitAcrossCouncils, tc.want)
			}
			p := Unsuppressed(r)
			if p.GroupsSplitAcrossCouncils.Value != tc.want || p.GroupsSplitAcrossCouncils.Suppressed {
				t.Errorf("unsuppressed: got %+v, want %d", p.GroupsSplitAcrossCouncils, tc.want)
			}
			if tc.want > 0 {
				if pub := Publish(r, 0); !pub.GroupsSplitAcrossCouncils.Suppressed {
					t.Errorf("published: got %+v, want a small count suppressed", pub.GroupsSplitAcrossCouncils)
				}
			}
		})
	}
}
