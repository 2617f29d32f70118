package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/kinmap/kinmap/graph/analysis"
)

// Row is one figure of the tidy table.
type Row struct {
	AsOf      string // the report's date (each point's, in a series)
	Breakdown string // "all" for the authority's totals
	Category  string
	Measure   string
	Value     string // a number, or "c" when suppressed
}

// Header is the tidy CSV's first row.
var Header = []string{"as_of", "breakdown", "category", "measure", "value"}

// Rows lays out a published report as tidy rows, in a fixed order, the
// last saying what disclosure control was applied.
func Rows(p analysis.PublishedReport) []Row {
	day := p.AsOf.String()
	var out []Row
	add := func(breakdown, category, measure, value string) {
		out = append(out, Row{day, breakdown, category, measure, value})
	}
	add("all", "all", "looked_after_children", p.LookedAfterChildren.String())
	add("all", "all", "with_looked_after_sibling", p.WithLookedAfterSibling.String())
	add("all", "all", "household_not_recorded", p.HouseholdNotRecorded.String())
	add("all", "all", "assessed", p.Assessed.String())
	add("all", "all", "separated", p.Separated.String())
	add("all", "all", "separated_rate", p.SeparatedRate.String())
	for _, t := range RateTables(p) {
		for _, r := range t.Rates {
			add(t.Name, r.Category, "assessed", r.Children.String())
			add(t.Name, r.Category, "separated", r.Separated.String())
			add(t.Name, r.Category, "separated_rate", r.Rate.String())
		}
	}
	g := p.Groups
	add("sibling_groups", "all", "groups", g.Groups.String())
	for _, c := range []struct {
		name string
		n    analysis.Cell
	}{{"together", g.Together}, {"partly_together", g.PartlyTogether}, {"apart", g.Apart}, {"split", g.Split}} {
		add("sibling_groups", c.name, "groups", c.n.String())
	}
	add("sibling_groups", "split", "split_rate", g.SplitRate.String())
	add("separations", "all", "pairs", p.Separations.String())
	add("separations", "no_recorded_reason", "pairs", p.SeparationsNoReason.String())
	add("separations", "no_recorded_reason", "share", shareOf(p.SeparationsNoReason, p.Separations))
	for _, t := range PairTables(p) {
		for _, c := range t.Counts {
			add(t.Name, c.Category, "pairs", c.Pairs.String())
			add(t.Name, c.Category, "share", c.Share.String())
		}
	}
	d := p.Disclosure
	if d.Suppressed {
		add("disclosure", "suppressed", "threshold", strconv.Itoa(d.Threshold))
	} else {
		add("disclosure", "UNSUPPRESSED: administrator only, not for publication", "threshold", "0")
	}
	return out
}

func shareOf(num, den analysis.Cell) string {
	if num.Suppressed || den.Suppressed {
		return analysis.SuppressedMarker
	}
	if den.Value == 0 {
		return "0.0000"
	}
	return strconv.FormatFloat(float64(int(float64(num.Value)/float64(den.Value)*1e4+0.5))/1e4, 'f', 4, 64)
}

// RateTable is one breakdown of the separation rate.
type RateTable struct {
	Name, Title string
	Rates       []analysis.PublishedRate
}

// RateTables are the report's breakdowns of the separation rate.
func RateTables(p analysis.PublishedReport) []RateTable {
	return []RateTable{
		{"looked_after_siblings", "By number of looked-after brothers and sisters", p.BySiblings},
		{"placement_type", "By placement type", p.ByPlacement},
		{"age_band", "By age band", p.ByAgeBand},
		{"time_looked_after", "By time looked after", p.ByTimeLookedAfter},
	}
}

// PairTable is one breakdown of the pairs of siblings living apart.
type PairTable struct {
	Name, Title string
	Counts      []analysis.PublishedCount
}

// PairTables are the report's breakdowns of the pairs living apart.
func PairTables(p analysis.PublishedReport) []PairTable {
	return []PairTable{
		{"contact", "Pairs living apart, by contact arrangement", p.SeparationsByContact},
		{"estrangement", "Pairs living apart, by estrangement", p.Estrangement},
	}
}

// WriteCSV writes one published report as a tidy CSV.
func WriteCSV(w io.Writer, p analysis.PublishedReport) error {
	return writeRows(w, Rows(p))
}

// WriteSeriesCSV writes a series as one tidy CSV, the points one after
// the other (as_of tells them apart).
func WriteSeriesCSV(w io.Writer, s analysis.PublishedSeries) error {
	var rows []Row
	for _, p := range s.Points {
		rows = append(rows, Rows(p)...)
	}
	return writeRows(w, rows)
}

func writeRows(w io.Writer, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Header); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write([]string{r.AsOf, r.Breakdown, r.Category, r.Measure, r.Value}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
