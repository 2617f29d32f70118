package analysis

import "github.com/kinmap/kinmap/graph"

// The report's further breakdowns (issue 13): the separation rate by age
// band and by time looked after, alongside BySiblings and ByPlacement; and
// the pairs of looked-after siblings living apart (Separations) by how
// their contact stands and by the estrangement measures of Jones,
// Henderson and Woods (2019). Sex is not a field of kinmap's records, so
// there is no breakdown by sex.

// Count is one category of a breakdown of pairs of siblings living apart.
type Count struct {
	Category string `json:"category"`
	Pairs    int    `json:"pairs"`
}

// Report category labels of the breakdowns.
var (
	ageBandCategories      = []string{"0-4", "5-11", "12-15", "16+", "not_recorded"}
	timeLookedAfterCats    = []string{"under_1_year", "1_to_2_years", "2_to_5_years", "5_years_or_more", "not_recorded"}
	contactStateCategories = []string{"arranged_up_to_date", "arranged_not_up_to_date", "no_arrangement", "restricted"}
	estrangementCategories = []string{"in_contact", "estranged", "strangers"}
)

// EstrangedAfterDays is how long without recorded contact makes a pair
// of siblings living apart estranged: 12 months.
const EstrangedAfterDays = 365

// ageBandCategory maps a child's age band on the date to a category.
func ageBandCategory(b graph.AgeBand) int {
	switch b {
	case graph.AgeUnder5:
		return 0
	case graph.Age5to11:
		return 1
	case graph.Age12to15:
		return 2
	case graph.Age16to17:
		return 3
	}
	return 4
}

// timeLookedAfterCategory maps the time from the start of the care
// episode to the date to a category.
func timeLookedAfterCategory(p *graph.Person, day graph.Date) int {
	if p == nil || p.LookedAfterSince.IsZero() || p.LookedAfterSince.After(day) {
		return 4
	}
	switch y := day.YearsSince(p.LookedAfterSince); {
	case y < 1:
		return 0
	case y < 2:
		return 1
	case y < 5:
		return 2
	}
	return 3
}

// contactCategory maps a contact state to its category.
func contactCategory(st contactState) int {
	switch st {
	case contactWorking:
		return 0
	case contactBehind:
		return 1
	case contactNone:
		return 2
	}
	return 3
}

// newBreakdowns sets up the breakdowns' categories.
func (r *Report) newBreakdowns() {
	rates := func(cats []string) []Rate {
		out := make([]Rate, len(cats))
		for i, c := range cats {
			out[i].Category = c
		}
		return out
	}
	counts := func(cats []string) []Count {
		out := make([]Count, len(cats))
		for i, c := range cats {
			out[i].Category = c
		}
		return out
	}
	r.ByAgeBand = rates(ageBandCategories)
	r.ByTimeLookedAfter = rates(timeLookedAfterCats)
	r.SeparationsByContact = counts(contactStateCategories)
	r.Estrangement = counts(estrangementCategories)
}

// addBreakdowns counts one assessed child c (and the pairs they are the
// lower id of) in the breakdowns: sibs are their looked-after siblings.
func (r *Report) addBreakdowns(x *reportIndex, c int, sibs []int, separated bool) {
	p := x.personOf(c)
	for _, rt := range []*Rate{&r.ByAgeBand[ageBandCategory(p.Band(x.day))], &r.ByTimeLookedAfter[timeLookedAfterCategory(p, x.day)]} {
		rt.Children++
		if separated {
			rt.Separated++
		}
	}
	h := x.household(c)
	for _, o := range sibs {
		ho := x.household(o)
		if ho == nil || x.id(c) >= x.id(o) || ho.ID == h.ID {
			continue
		}
		r.SeparationsByContact[contactCategory(x.contactStateOf(c, o))].Pairs++
		r.Estrangement[x.estrangement(c, o)].Pairs++
	}
}

// contactStateOf is how contact between a separated pair stands against
// its plan, as the separated_sibling flag judges it (default options).
func (x *reportIndex) contactStateOf(c, o int) contactState {
	t := x.tie(c, o)
	restr, arr := t.restriction(x.day), t.arrangement()
	switch {
	case restr != nil && restr.Kind == graph.RestrictNoContact:
		return contactRestricted
	case arr == nil || arr.Mode == graph.ContactNone:
		return contactNone
	}
	seen, ok := x.lastSeen(c, o)
	if behindOn(x.day, t.rels, seen, ok, maxGap(arr, DefaultOptions()), x.residenceOn(c), x.residenceOn(o)) {
		return contactBehind
	}
	return contactWorking
}

// estrangement classifies a pair living apart: in contact (a contact
// recorded in the last 12 months), strangers (never recorded as living
// together, and no contact ever recorded), or else estranged (no contact
// in the last 12 months).
func (x *reportIndex) estrangement(a, b int) int {
	last, ok := x.lastContact[[2]int{min(a, b), max(a, b)}]
	switch {
	case ok && x.day.DaysSince(last) <= EstrangedAfterDays:
		return 0
	case !ok:
		if _, together := lastTogether(x.residencesOf(a), x.residencesOf(b), x.day); !together {
			return 2
		}
	}
	return 1
}

// PublishedCount is one category of pairs living apart, with its share
// of all the pairs living apart (Separations).
type PublishedCount struct {
	Category string   `json:"category"`
	Pairs    Cell     `json:"pairs"`
	Share    RateCell `json:"share"`
}

// pairCells adds the breakdowns of the separations to the disclosure
// system: each is a partition of the separations (total seps).
func (p *publishedReport) pairCells(r Report, s *sdc, c func(*Cell, int) int, seps int) {
	for _, t := range []struct {
		counts []Count
		out    *[]PublishedCount
	}{{r.SeparationsByContact, &p.SeparationsByContact}, {r.Estrangement, &p.Estrangement}} {
		*t.out = make([]PublishedCount, len(t.counts))
		var parts []int
		for i, k := range t.counts {
			o := &(*t.out)[i]
			o.Category = k.Category
			parts = append(parts, c(&o.Pairs, k.Pairs))
		}
		s.sum(seps, parts...)
	}
}
