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

// newReportSnapshot indexes what the report reads: people, homes, the
// sibling and parent relationships and the contacts (the store's report
// projection gives only the last contact of each pair).
func newReportSnapshot(n *graph.Network) *snapshot {
	lean := &graph.Network{Child: n.Child, AsOf: n.AsOf, Records: graph.Records{
		People: n.People, Households: n.Households, Residences: n.Residences, Contacts: n.Contacts}}
	for _, r := range n.Relationships {
		if r.Kind == graph.RelSibling || r.Kind == graph.RelParent {
			lean.Relationships = append(lean.Relationships, r)
		}
	}
	return newSnapshot(lean)
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

// addBreakdowns counts one assessed child (and the pairs they are the
// lower id of) in the breakdowns: h is their household, known their
// looked-after siblings with a recorded one.
func (r *Report) addBreakdowns(s *snapshot, id graph.ID, h *graph.Household, known []sibTie, separated bool) {
	p := s.ix.Person(id)
	band := graph.AgeUnknown
	if p != nil {
		band = p.Band(s.day)
	}
	for _, rt := range []*Rate{&r.ByAgeBand[ageBandCategory(band)], &r.ByTimeLookedAfter[timeLookedAfterCategory(p, s.day)]} {
		rt.Children++
		if separated {
			rt.Separated++
		}
	}
	for _, t := range known {
		if id >= t.other || s.household(t.other).ID == h.ID {
			continue
		}
		r.SeparationsByContact[contactCategory(s.contactStateOf(id, t))].Pairs++
		r.Estrangement[s.estrangement(id, t.other)].Pairs++
	}
}

// contactStateOf is how contact between a separated pair stands against
// its plan, as the separated_sibling flag judges it (default options).
func (s *snapshot) contactStateOf(child graph.ID, t sibTie) contactState {
	restr, arr := t.restriction(s.day), t.arrangement()
	switch {
	case restr != nil && restr.Kind == graph.RestrictNoContact:
		return contactRestricted
	case arr == nil || arr.Mode == graph.ContactNone:
		return contactNone
	}
	seen, ok := s.lastSeen(child, t.other)
	if s.behind(child, t.other, t.rels, seen, ok, maxGap(arr, DefaultOptions())) {
		return contactBehind
	}
	return contactWorking
}

// estrangement classifies a pair living apart: in contact (a contact
// recorded in the last 12 months), strangers (never recorded as living
// together, and no contact ever recorded), or else estranged (no contact
// in the last 12 months).
func (s *snapshot) estrangement(a, b graph.ID) int {
	last, ok := s.ix.LastContact(a, b, s.day)
	switch {
	case ok && s.day.DaysSince(last) <= EstrangedAfterDays:
		return 0
	case !ok:
		if _, together := s.lastTogether(a, b); !together {
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
