package analysis

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/kinmap/kinmap/graph"
)

// PublishedReport is the sibling placement report as it leaves kinmap:
// the fields of Report under the same JSON names, with every count a
// Cell and every rate a RateCell, after statistical disclosure control
// (see Publish). It is what an evaluator gets from the API, the CLI and
// CSV; only an administrator gets the report unsuppressed, and then
// Disclosure says so.
type PublishedReport struct {
	AsOf                   graph.Date      `json:"as_of"`
	Disclosure             Disclosure      `json:"disclosure"`
	LookedAfterChildren    Cell            `json:"looked_after_children"`
	WithLookedAfterSibling Cell            `json:"with_looked_after_sibling"`
	HouseholdNotRecorded   Cell            `json:"household_not_recorded"`
	Assessed               Cell            `json:"assessed"`
	Separated              Cell            `json:"separated"`
	SeparatedRate          RateCell        `json:"separated_rate"`
	BySiblings             []PublishedRate `json:"by_looked_after_siblings"`
	ByPlacement            []PublishedRate `json:"by_placement_type"`
	Groups                 PublishedGroups `json:"sibling_groups"`
	Separations            Cell            `json:"separations"`
	SeparationsNoReason    Cell            `json:"separations_no_reason"`
	// The breakdowns (report_breakdowns.go), under the same control.
	ByAgeBand            []PublishedRate  `json:"by_age_band"`
	ByTimeLookedAfter    []PublishedRate  `json:"by_time_looked_after"`
	SeparationsByContact []PublishedCount `json:"separations_by_contact"`
	Estrangement         []PublishedCount `json:"estrangement"`
	// GroupsSplitAcrossCouncils: split groups with homes in more than one
	// council area (Report.GroupsSplitAcrossCouncils).
	GroupsSplitAcrossCouncils Cell `json:"groups_split_across_councils"`
}

// Disclosure says what control the figures went through.
type Disclosure struct {
	// Suppressed is false only in the administrator's unsuppressed report.
	Suppressed bool `json:"suppressed"`
	// Threshold: counts from 1 to Threshold are suppressed (primary).
	Threshold int    `json:"threshold"`
	Marker    string `json:"marker"`
	Note      string `json:"note"`
}

// PublishedRate is one category's separation figures.
type PublishedRate struct {
	Category  string   `json:"category"`
	Children  Cell     `json:"children"`
	Separated Cell     `json:"separated"`
	Rate      RateCell `json:"rate"`
}

// PublishedGroups classifies sibling groups.
type PublishedGroups struct {
	Groups         Cell     `json:"groups"`
	Together       Cell     `json:"together"`
	PartlyTogether Cell     `json:"partly_together"`
	Apart          Cell     `json:"apart"`
	Split          Cell     `json:"split"` // partly together + apart
	SplitRate      RateCell `json:"split_rate"`
}

const (
	noteSuppressed = "Statistical disclosure control: counts from 1 to the threshold are shown as c; " +
		"further counts are shown as c where they would let a suppressed count be worked out from the totals; " +
		"rates are shown as c where their numerator or denominator is."
	noteUnsuppressed = "UNSUPPRESSED: every count as recorded, for the administrator only; not for publication or sharing."
)

// Publish applies statistical disclosure control to r with the given
// threshold (DefaultThreshold when 0 or less). The figures form one
// system of additive tables: looked-after children split by whether they
// have a looked-after sibling and by whether their household is recorded;
// assessed children by number of siblings and by placement type, each
// split into separated and not separated, both tables sharing their
// totals (separated, not separated, assessed); sibling groups by status
// (and split = partly together + apart); separations by whether a reason
// is recorded. Complements that are not printed (children not separated,
// without a looked-after sibling...) are counts too, since they can be
// had by subtraction. Primary suppression hides every count from 1 to
// the threshold; secondary suppression then hides more counts, smallest
// first, until no hidden count can be worked out exactly from the shown
// ones and the totals (a rank test on the system). A rate is shown only
// when its numerator and denominator are.
func Publish(r Report, threshold int) PublishedReport {
	if threshold <= 0 {
		threshold = DefaultThreshold
	}
	p, s := publishedCells(r)
	s.suppress(threshold)
	p.fill(s)
	p.Disclosure = Disclosure{Suppressed: true, Threshold: threshold, Marker: SuppressedMarker, Note: noteSuppressed}
	return p.PublishedReport
}

// Unsuppressed is r with nothing suppressed, marked as the
// administrator's report.
func Unsuppressed(r Report) PublishedReport {
	p, s := publishedCells(r)
	p.fill(s)
	p.Disclosure = Disclosure{Suppressed: false, Marker: SuppressedMarker, Note: noteUnsuppressed}
	return p.PublishedReport
}

// publishedReport holds a report's cells as indexes into an sdc.
type publishedReport struct {
	PublishedReport
	idx map[*Cell]int
}

func publishedCells(r Report) (*publishedReport, *sdc) {
	s := &sdc{}
	p := &publishedReport{idx: map[*Cell]int{}}
	p.AsOf = r.AsOf
	c := func(dst *Cell, v int) int {
		i := s.cell(v)
		if dst != nil {
			p.idx[dst] = i
		}
		return i
	}
	lac := c(&p.LookedAfterChildren, r.LookedAfterChildren)
	with := c(&p.WithLookedAfterSibling, r.WithLookedAfterSibling)
	s.sum(lac, with, c(nil, r.LookedAfterChildren-r.WithLookedAfterSibling))
	s.sum(lac, c(&p.HouseholdNotRecorded, r.HouseholdNotRecorded), c(nil, r.LookedAfterChildren-r.HouseholdNotRecorded))
	assessed := r.assessed()
	sep := c(&p.Separated, r.Separated)
	notSep := c(nil, assessed-r.Separated)
	all := c(&p.Assessed, assessed)
	s.sum(all, sep, notSep)
	// Children with a looked-after sibling who are not assessed (their or
	// their siblings' homes are not recorded) are never printed, but are
	// taken as known: with no home unrecorded a reader knows there are
	// none, and so that the children with a sibling equal the assessed.
	var unassessed Cell
	s.sum(with, all, c(&unassessed, r.WithLookedAfterSibling-assessed))
	for _, t := range []struct {
		rates []Rate
		out   *[]PublishedRate
	}{{r.BySiblings, &p.BySiblings}, {r.ByPlacement, &p.ByPlacement},
		{r.ByAgeBand, &p.ByAgeBand}, {r.ByTimeLookedAfter, &p.ByTimeLookedAfter}} {
		*t.out = make([]PublishedRate, len(t.rates))
		var seps, nots, chs []int
		for i, rt := range t.rates {
			o := &(*t.out)[i]
			o.Category = rt.Category
			si, ni, ci := c(&o.Separated, rt.Separated), c(nil, rt.Children-rt.Separated), c(&o.Children, rt.Children)
			s.sum(ci, si, ni)
			seps, nots, chs = append(seps, si), append(nots, ni), append(chs, ci)
		}
		s.sum(sep, seps...)
		s.sum(notSep, nots...)
		s.sum(all, chs...)
	}
	g := r.Groups
	groups := c(&p.Groups.Groups, g.Groups)
	together, partly, apart := c(&p.Groups.Together, g.Together), c(&p.Groups.PartlyTogether, g.PartlyTogether), c(&p.Groups.Apart, g.Apart)
	split := c(&p.Groups.Split, g.PartlyTogether+g.Apart)
	s.sum(groups, together, partly, apart)
	s.sum(split, partly, apart)
	s.sum(groups, together, split)
	s.sum(split, c(&p.GroupsSplitAcrossCouncils, r.GroupsSplitAcrossCouncils), c(nil, g.PartlyTogether+g.Apart-r.GroupsSplitAcrossCouncils))
	seps := c(&p.Separations, r.Separations)
	s.sum(seps, c(&p.SeparationsNoReason, r.SeparationsNoReason), c(nil, r.Separations-r.SeparationsNoReason))
	p.pairCells(r, s, c, seps)
	return p, s
}

// fill copies the cells' values and suppression into the report and
// works out the rates.
func (p *publishedReport) fill(s *sdc) {
	for cell, i := range p.idx {
		*cell = Cell{Value: s.vals[i], Suppressed: s.supp[i]}
		if cell.Suppressed {
			cell.Value = 0
		}
	}
	p.SeparatedRate = rateOf(p.Separated, p.Assessed)
	for _, rts := range [][]PublishedRate{p.BySiblings, p.ByPlacement, p.ByAgeBand, p.ByTimeLookedAfter} {
		for i := range rts {
			rts[i].Rate = rateOf(rts[i].Separated, rts[i].Children)
		}
	}
	for _, cs := range [][]PublishedCount{p.SeparationsByContact, p.Estrangement} {
		for i := range cs {
			cs[i].Share = rateOf(cs[i].Pairs, p.Separations)
		}
	}
	p.Groups.SplitRate = rateOf(p.Groups.Split, p.Groups.Groups)
}

func rateOf(num, den Cell) RateCell {
	if num.Suppressed || den.Suppressed {
		return RateCell{Suppressed: true}
	}
	return RateCell{Value: ratio(num.Value, den.Value)}
}

// WriteCSV writes the published report as a tidy table, one row per
// figure: section, category, count, total, rate, with "c" for a
// suppressed figure, and a last row saying what control was applied.
func (p PublishedReport) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	rows := [][]string{
		{"section", "category", "count", "total", "rate"},
		{"as_of", p.AsOf.String(), "", "", ""},
		{"children", "looked_after", p.LookedAfterChildren.String(), "", ""},
		{"children", "with_looked_after_sibling", p.WithLookedAfterSibling.String(), p.LookedAfterChildren.String(),
			rateOf(p.WithLookedAfterSibling, p.LookedAfterChildren).String()},
		{"children", "household_not_recorded", p.HouseholdNotRecorded.String(), p.LookedAfterChildren.String(),
			rateOf(p.HouseholdNotRecorded, p.LookedAfterChildren).String()},
		{"children", "separated", p.Separated.String(), p.Assessed.String(), p.SeparatedRate.String()},
	}
	for _, sec := range []struct {
		name  string
		rates []PublishedRate
	}{{"by_looked_after_siblings", p.BySiblings}, {"by_placement_type", p.ByPlacement}} {
		for _, rt := range sec.rates {
			rows = append(rows, []string{sec.name, rt.Category, rt.Separated.String(), rt.Children.String(), rt.Rate.String()})
		}
	}
	g := p.Groups
	for _, c := range []struct {
		name  string
		count Cell
	}{{"together", g.Together}, {"partly_together", g.PartlyTogether}, {"apart", g.Apart}, {"split", g.Split}} {
		rows = append(rows, []string{"sibling_groups", c.name, c.count.String(), g.Groups.String(), rateOf(c.count, g.Groups).String()})
	}
	rows = append(rows, []string{"separations", "no_recorded_reason", p.SeparationsNoReason.String(), p.Separations.String(),
		rateOf(p.SeparationsNoReason, p.Separations).String()})
	rows = append(rows, []string{"sibling_groups", "split_across_councils", p.GroupsSplitAcrossCouncils.String(), g.Split.String(),
		rateOf(p.GroupsSplitAcrossCouncils, g.Split).String()})
	rows = append(rows, []string{"disclosure", disclosureLabel(p.Disclosure), "", strconv.Itoa(p.Disclosure.Threshold), ""})
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

func disclosureLabel(d Disclosure) string {
	if d.Suppressed {
		return "suppressed: counts 1 to threshold and secondary shown as c"
	}
	return "UNSUPPRESSED: administrator only, not for publication"
}
