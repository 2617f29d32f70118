package analysis

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"github.com/kinmap/kinmap/graph"
)

// Report is the authority sibling placement report as of a date, in the
// shapes of the Children's Commissioner for England's 2023 figures. It
// holds counts only, never people.
//
// A looked-after child is someone looked after at the date and under 18.
// Siblings follow the legal definition as far as the record shows: a
// current sibling relationship of any sub-kind, or a parent in common
// (through parent relationships that had started by the date, ended or
// not). A child is separated when they live in a different household from
// at least one looked-after sibling.
//
// A looked-after child whose household at the date is not recorded is
// neither together with nor apart from their siblings, the same rule as
// for sibling groups: they are counted in HouseholdNotRecorded and left
// out of every rate and of the classification of their siblings and
// group. A child is assessed when they and at least one looked-after
// sibling have a recorded household; the rates are over assessed
// children (the sum of the BySiblings or ByPlacement children).
type Report struct {
	AsOf graph.Date `json:"as_of"`
	// LookedAfterChildren is every looked-after child in the authority.
	LookedAfterChildren int `json:"looked_after_children"`
	// WithLookedAfterSibling is how many of them have a looked-after sibling.
	WithLookedAfterSibling int `json:"with_looked_after_sibling"`
	// HouseholdNotRecorded is how many looked-after children have no
	// household recorded at the date: the data gap. They are left out of
	// the rates below, and so are children whose only looked-after
	// siblings are among them.
	HouseholdNotRecorded int `json:"household_not_recorded"`
	// Separated is how many assessed children live apart from at least
	// one looked-after sibling, and SeparatedRate their share of the
	// assessed children.
	Separated     int     `json:"separated"`
	SeparatedRate float64 `json:"separated_rate"`
	// BySiblings breaks the rate down by number of looked-after siblings
	// with a recorded household: "1", "2", "3", "4+".
	BySiblings []Rate `json:"by_looked_after_siblings"`
	// ByPlacement breaks the rate down by the child's placement type:
	// "kinship", "foster", "residential" (residential and secure), "other"
	// (at home, adoptive, supported living, other).
	ByPlacement []Rate `json:"by_placement_type"`
	// Groups classifies the sibling groups with two or more looked-after
	// members (see SiblingGroups).
	Groups GroupCounts `json:"sibling_groups"`
	// Separations counts pairs of looked-after siblings living apart, and
	// SeparationsNoReason those with no recorded reason.
	Separations         int `json:"separations"`
	SeparationsNoReason int `json:"separations_no_reason"`
	// The breakdowns of report_breakdowns.go: the rate by age band and by
	// time looked after; the separations by contact and by estrangement.
	ByAgeBand            []Rate  `json:"by_age_band"`
	ByTimeLookedAfter    []Rate  `json:"by_time_looked_after"`
	SeparationsByContact []Count `json:"separations_by_contact"`
	Estrangement         []Count `json:"estrangement"`
	// GroupsSplitAcrossCouncils is how many of the split groups (partly
	// together or apart) have looked-after members in homes in more than
	// one council area, as far as the homes' council areas are recorded.
	GroupsSplitAcrossCouncils int `json:"groups_split_across_councils"`
}

// Rate is the separation rate of one category of children.
type Rate struct {
	Category  string  `json:"category"`
	Children  int     `json:"children"`
	Separated int     `json:"separated"`
	Rate      float64 `json:"rate"`
}

// GroupCounts classifies sibling groups by where their looked-after
// members live.
type GroupCounts struct {
	Groups         int     `json:"groups"` // with two or more looked-after members
	Together       int     `json:"together"`
	PartlyTogether int     `json:"partly_together"`
	Apart          int     `json:"apart"`
	SplitRate      float64 `json:"split_rate"` // (partly together + apart) / groups
}

// Report category labels.
var (
	siblingCountCategories = []string{"1", "2", "3", "4+"}
	placementCategories    = []string{"kinship", "foster", "residential", "other"}
)

// placementCategory maps a household kind to a report category.
func placementCategory(k graph.HouseholdKind) int {
	switch k {
	case graph.HouseholdKinship:
		return 0
	case graph.HouseholdFoster:
		return 1
	case graph.HouseholdResidential, graph.HouseholdSecure:
		return 2
	}
	return 3
}

// SiblingPlacementReport computes the report from one authority-wide
// snapshot (n.Child == "", everyone in the authority), loaded by the store
// in one round trip: the whole authority is indexed once, by number
// (report_index.go), and no per-child look-up is needed.
func SiblingPlacementReport(n *graph.Network) Report {
	r := Report{
		BySiblings:  make([]Rate, len(siblingCountCategories)),
		ByPlacement: make([]Rate, len(placementCategories)),
	}
	for i, c := range siblingCountCategories {
		r.BySiblings[i].Category = c
	}
	for i, c := range placementCategories {
		r.ByPlacement[i].Category = c
	}
	r.newBreakdowns()
	if n == nil {
		return r
	}
	r.AsOf = n.AsOf
	x := newReportIndex(n)
	seen := make([]bool, x.nodes)
	var sibs []int
	for i := range n.People {
		c := i // node i is n.People[i], unless a later record has its id
		if x.shadowed != nil && x.shadowed[i] {
			c = x.node[n.People[i].ID]
		}
		if x.lookedAfter[c] {
			sibs = x.lookedAfterSiblings(c, seen, sibs[:0])
			r.addChild(x, c, sibs)
		}
	}
	r.SeparatedRate = ratio(r.Separated, r.assessed())
	for _, rts := range [][]Rate{r.BySiblings, r.ByPlacement, r.ByAgeBand, r.ByTimeLookedAfter} {
		for i := range rts {
			rts[i].Rate = ratio(rts[i].Separated, rts[i].Children)
		}
	}
	r.addGroups(x)
	r.Groups.SplitRate = ratio(r.Groups.PartlyTogether+r.Groups.Apart, r.Groups.Groups)
	return r
}

// addChild counts one looked-after child c with their looked-after
// siblings sibs.
func (r *Report) addChild(x *reportIndex, c int, sibs []int) {
	r.LookedAfterChildren++
	h := x.home[c]
	if h < 0 {
		r.HouseholdNotRecorded++
	}
	if len(sibs) > 0 {
		r.WithLookedAfterSibling++
	}
	known := 0 // looked-after siblings whose home is recorded
	separated := false
	for _, o := range sibs {
		if x.home[o] < 0 {
			continue
		}
		known++
		if h < 0 || x.home[o] == h {
			continue
		}
		separated = true
		if x.id(c) < x.id(o) {
			r.Separations++
			if x.tie(c, o).separation() == nil {
				r.SeparationsNoReason++
			}
		}
	}
	if h < 0 || known == 0 {
		return // not assessed: where they live, or where all their siblings live, is not known
	}
	add := func(rt *Rate) {
		rt.Children++
		if separated {
			rt.Separated++
		}
	}
	add(&r.BySiblings[min(known, 4)-1])
	add(&r.ByPlacement[placementCategory(x.n.Households[h].Kind)])
	r.addBreakdowns(x, c, sibs, separated)
	if separated {
		r.Separated++
	}
}

// assessed is how many children the separation rate is over: those with
// a recorded household and a looked-after sibling with one.
func (r Report) assessed() int {
	n := 0
	for _, rt := range r.BySiblings {
		n += rt.Children
	}
	return n
}

// ratio returns a/b rounded to four decimals, 0 when b is 0.
func ratio(a, b int) float64 {
	if b <= 0 {
		return 0
	}
	return math.Round(float64(a)/float64(b)*1e4) / 1e4
}

// WriteCSV writes the report as one table with the columns section,
// category, count, total and rate: one row per figure, so a spreadsheet
// can read it without knowing the JSON shape.
func (r Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	rate := func(f float64) string { return strconv.FormatFloat(f, 'f', 4, 64) }
	rows := [][]string{
		{"section", "category", "count", "total", "rate"},
		{"as_of", r.AsOf.String(), "", "", ""},
		{"children", "looked_after", strconv.Itoa(r.LookedAfterChildren), "", ""},
		{"children", "with_looked_after_sibling", strconv.Itoa(r.WithLookedAfterSibling), strconv.Itoa(r.LookedAfterChildren),
			rate(ratio(r.WithLookedAfterSibling, r.LookedAfterChildren))},
		{"children", "household_not_recorded", strconv.Itoa(r.HouseholdNotRecorded), strconv.Itoa(r.LookedAfterChildren),
			rate(ratio(r.HouseholdNotRecorded, r.LookedAfterChildren))},
		{"children", "separated", strconv.Itoa(r.Separated), strconv.Itoa(r.assessed()), rate(r.SeparatedRate)},
	}
	for _, sec := range []struct {
		name  string
		rates []Rate
	}{{"by_looked_after_siblings", r.BySiblings}, {"by_placement_type", r.ByPlacement}} {
		for _, rt := range sec.rates {
			rows = append(rows, []string{sec.name, rt.Category, strconv.Itoa(rt.Separated), strconv.Itoa(rt.Children), rate(rt.Rate)})
		}
	}
	g := r.Groups
	for _, c := range []struct {
		name  string
		count int
	}{{"together", g.Together}, {"partly_together", g.PartlyTogether}, {"apart", g.Apart},
		{"split", g.PartlyTogether + g.Apart}} {
		rows = append(rows, []string{"sibling_groups", c.name, strconv.Itoa(c.count), strconv.Itoa(g.Groups), rate(ratio(c.count, g.Groups))})
	}
	rows = append(rows, []string{"separations", "no_recorded_reason", strconv.Itoa(r.SeparationsNoReason), strconv.Itoa(r.Separations),
		rate(ratio(r.SeparationsNoReason, r.Separations))})
	split := g.PartlyTogether + g.Apart
	rows = append(rows, []string{"sibling_groups", "split_across_councils", strconv.Itoa(r.GroupsSplitAcrossCouncils), strconv.Itoa(split),
		rate(ratio(r.GroupsSplitAcrossCouncils, split))})
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}
