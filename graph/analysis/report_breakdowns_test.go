package analysis

import (
	"slices"

	"github.com/kinmap/kinmap/fixtures"
	"testing"

	"github.com/kinmap/kinmap/graph"
)

// One pair of looked-after siblings living apart per case, as of
// 2024-06-01: its contact category and estrangement category.
func TestReportPairBreakdowns(t *testing.T) {
	cases := []struct {
		name         string
		set          func(b *builder)
		contact, est string
	}{
		{"no arrangement, never together, no contact", func(b *builder) {
			b.sib("s", "x", "y", graph.SiblingFull)
		}, "no_arrangement", "strangers"},
		{"weekly, seen last week", func(b *builder) {
			b.sib("s", "x", "y", graph.SiblingFull, arranged(graph.ContactDirect, graph.FreqWeekly)).contact("x", "y", "2024-05-28")
		}, "arranged_up_to_date", "in_contact"},
		{"weekly, seen two months ago", func(b *builder) {
			b.sib("s", "x", "y", graph.SiblingFull, arranged(graph.ContactDirect, graph.FreqWeekly)).contact("y", "x", "2024-04-01")
		}, "arranged_not_up_to_date", "in_contact"},
		{"monthly, seen 13 months ago", func(b *builder) {
			b.sib("s", "x", "y", graph.SiblingFull, arranged(graph.ContactDirect, graph.FreqMonthly)).contact("x", "y", "2023-05-01")
		}, "arranged_not_up_to_date", "estranged"},
		{"lived together once, no contact since", func(b *builder) {
			b.sib("s", "x", "y", graph.SiblingFull).lives("x", "old", "2021-01-01", "2021-12-31").lives("y", "old", "2021-01-01", "2021-12-31")
		}, "no_arrangement", "estranged"},
		{"never together, contact long ago", func(b *builder) {
			b.sib("s", "x", "y", graph.SiblingFull).contact("x", "y", "2022-01-01")
		}, "no_arrangement", "estranged"},
		{"no contact by order", func(b *builder) {
			b.sib("s", "x", "y", graph.SiblingFull, arranged(graph.ContactDirect, graph.FreqMonthly), restricted(graph.RestrictNoContact))
		}, "restricted", "strangers"},
		{"a contact in the future does not count", func(b *builder) {
			b.sib("s", "x", "y", graph.SiblingFull).contact("x", "y", "2024-07-01")
		}, "no_arrangement", "strangers"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := newNet("", "2024-06-01").home("h1", graph.HouseholdFoster, "One").home("h2", graph.HouseholdKinship, "Two").
				home("old", graph.HouseholdBirthFamily, "Old").
				child("x", "Kid x", "2012-03-01", "2022-01-01").child("y", "Kid y", "2019-03-01", "2024-01-01").
				lives("x", "h1", "2022-01-01", "").lives("y", "h2", "2024-01-01", "")
			tc.set(b)
			r := SiblingPlacementReport(b.net())
			if r.Separations != 1 {
				t.Fatalf("separations: got %d, want 1", r.Separations)
			}
			if got := onlyPairs(r.SeparationsByContact); got != tc.contact {
				t.Errorf("contact: got %s, want %s", got, tc.contact)
			}
			if got := onlyPairs(r.Estrangement); got != tc.est {
				t.Errorf("estrangement: got %s, want %s", got, tc.est)
			}
			// x is 12 and looked after for 2 years, y is 5 and for 5 months.
			wantRates(t, "age band", r.ByAgeBand, map[string]int{"5-11": 1, "12-15": 1})
			wantRates(t, "time looked after", r.ByTimeLookedAfter, map[string]int{"under_1_year": 1, "2_to_5_years": 1})
		})
	}
}

// The age band is the recorded one when there is no date of birth, and
// "not recorded" when there is neither; 0-4 and 16+ from the date of birth.
func TestReportAgeAndTimeBands(t *testing.T) {
	b := newNet("", "2024-06-01").home("h1", graph.HouseholdFoster, "One").home("h2", graph.HouseholdFoster, "Two").
		child("a", "Kid a", "2022-01-01", "2023-06-01").child("b", "Kid b", "2007-09-01", "2019-06-01").
		child("c", "Kid c", "", "2023-06-02").child("d", "Kid d", "", "-").
		lives("a", "h1", "2023-06-01", "").lives("b", "h1", "2023-06-01", "").lives("c", "h2", "2023-06-01", "").lives("d", "h2", "2023-06-01", "").
		sib("s1", "a", "b", graph.SiblingFull).sib("s2", "c", "d", graph.SiblingFull).sib("s3", "a", "c", graph.SiblingFull)
	for i := range b.n.People {
		if b.n.People[i].ID == "c" {
			b.n.People[i].AgeBand = graph.Age12to15
		}
	}
	r := SiblingPlacementReport(b.net())
	wantRates(t, "age band", r.ByAgeBand, map[string]int{"0-4": 1, "16+": 1, "12-15": 1, "not_recorded": 1})
	wantRates(t, "time looked after", r.ByTimeLookedAfter, map[string]int{"1_to_2_years": 1, "5_years_or_more": 1, "under_1_year": 1, "not_recorded": 1})
	if r.ByAgeBand[0].Separated != 1 || r.ByAgeBand[0].Rate != 1 { // a lives apart from c
		t.Errorf("0-4: got %+v, want 1 of 1 separated", r.ByAgeBand[0])
	}
}

func onlyPairs(cs []Count) string {
	out := ""
	for _, c := range cs {
		switch {
		case c.Pairs == 1 && out == "":
			out = c.Category
		case c.Pairs != 0:
			return "several"
		}
	}
	return out
}

func wantRates(t *testing.T, name string, rs []Rate, want map[string]int) {
	t.Helper()
	for _, r := range rs {
		if r.Children != want[r.Category] {
			t.Errorf("%s %s: got %d children, want %d", name, r.Category, r.Children, want[r.Category])
		}
	}
}

// The generated authorities the recovery test uses exercise every
// breakdown: some pairs in each estrangement category and some contact
// arrangements, so the test checks the tables.
func TestGeneratedAuthorityFillsBreakdowns(t *testing.T) {
	doc := fixtures.Generate(fixtures.GenConfig{Seed: 1, Children: 500})
	r := SiblingPlacementReport(&graph.Network{AsOf: fixtures.DefaultAsOf, Records: doc.Records})
	for _, cs := range [][]Count{r.SeparationsByContact, r.Estrangement} {
		sum := 0
		for _, c := range cs {
			sum += c.Pairs
		}
		if sum != r.Separations {
			t.Errorf("%v: sum %d, want the %d separations", cs, sum, r.Separations)
		}
	}
	t.Logf("contact %v, estrangement %v", r.SeparationsByContact, r.Estrangement)
	for _, c := range append(slices.Clone(r.Estrangement), r.SeparationsByContact[0], r.SeparationsByContact[2]) {
		if c.Pairs == 0 {
			t.Errorf("%s: no pairs in a 500-child authority", c.Category)
		}
	}
}
