package viz

import (
	"slices"

	"github.com/kinmap/kinmap/graph"
)

// facts are what the line between two people rests on, as of a date.
type facts struct {
	rels        []*graph.Relationship // all recorded between them, started by the date
	current     []*graph.Relationship // those not ended
	restriction *graph.Restriction    // the strongest current restriction
	arrangement *graph.Arrangement    // the strongest current arrangement
	separation  *graph.Separation     // a recorded separation on a current sibling tie
	together    bool                  // living in the same household on the date
	last        graph.Date            // last contact on or before the date
	lostFlag    bool                  // a lost_connection or lost_at_move flag names them
}

// factsBetween gathers the facts between a and b.
func factsBetween(ix *graph.Index, a, b graph.ID, day graph.Date) facts {
	var f facts
	for _, r := range ix.Relationships(a) {
		if r.Other(a) != b || !r.Span().Started(day) {
			continue
		}
		f.rels = append(f.rels, r)
	}
	slices.SortFunc(f.rels, compareRels)
	for _, r := range f.rels {
		if r.Span().Ended(day) {
			continue
		}
		f.current = append(f.current, r)
		if r.Restriction != nil && (f.restriction == nil || strongerRestriction(r.Restriction, f.restriction)) {
			f.restriction = r.Restriction
		}
		if r.Contact != nil && (f.arrangement == nil || strongerArrangement(r.Contact, f.arrangement)) {
			f.arrangement = r.Contact
		}
		if r.Separation != nil && f.separation == nil {
			f.separation = r.Separation
		}
	}
	ha, hb := ix.HouseholdOn(a, day), ix.HouseholdOn(b, day)
	f.together = ha != nil && hb != nil && ha.ID == hb.ID
	f.last, _ = ix.LastContact(a, b, day)
	return f
}

// compareRels orders relationships by kind (display order), then id.
func compareRels(x, y *graph.Relationship) int {
	if c := slices.Index(graph.RelKinds, x.Kind) - slices.Index(graph.RelKinds, y.Kind); c != 0 {
		return c
	}
	switch {
	case x.ID < y.ID:
		return -1
	case x.ID > y.ID:
		return 1
	}
	return 0
}

func strongerRestriction(x, y *graph.Restriction) bool {
	return x.Kind == graph.RestrictNoContact && y.Kind != graph.RestrictNoContact
}

var modeRank = map[graph.ContactMode]int{graph.ContactDirect: 3, graph.ContactIndirect: 2, graph.ContactNone: 1}

func strongerArrangement(x, y *graph.Arrangement) bool {
	if modeRank[x.Mode] != modeRank[y.Mode] {
		return modeRank[x.Mode] > modeRank[y.Mode]
	}
	return freqRank(x.Frequency) < freqRank(y.Frequency)
}

func freqRank(f graph.Frequency) int {
	if i := slices.Index(graph.Frequencies, f); i >= 0 {
		return i
	}
	return len(graph.Frequencies)
}

// state is the line a professional sees: the full ecomap convention.
func (f facts) state(day graph.Date) lineState {
	switch {
	case len(f.rels) > 0 && len(f.current) == 0:
		return lineEnded
	case f.restriction != nil:
		return lineRestricted
	case f.lostFlag:
		return lineLost
	case f.together:
		return lineStrong
	}
	return f.contactState(day)
}

// contactState is the line from the arrangement (or, with none, from the
// last contact) alone.
func (f facts) contactState(day graph.Date) lineState {
	a := f.arrangement
	if a == nil {
		switch {
		case f.last.IsZero():
			return lineUnknown
		case day.DaysSince(f.last) <= 92:
			return lineRegular
		case day.DaysSince(f.last) <= 366:
			return lineTenuous
		}
		return lineLost
	}
	switch {
	case a.Mode == graph.ContactNone:
		return lineLost
	case a.Mode == graph.ContactDirect && (a.Frequency == graph.FreqWeekly || a.Frequency == graph.FreqFortnightly):
		return lineStrong
	case a.Mode == graph.ContactDirect && a.Frequency == graph.FreqMonthly:
		return lineRegular
	case a.Mode == graph.ContactIndirect && (a.Frequency == graph.FreqWeekly || a.Frequency == graph.FreqFortnightly || a.Frequency == graph.FreqMonthly):
		return lineRegular
	}
	return lineTenuous
}

// stateFor folds the professional line into what the audience may see:
// without risk lines, a restriction is drawn as what the child lives with
// (no contact: not seeing each other; supervised: the arrangement).
func (r *redactor) stateFor(f facts, day graph.Date) lineState {
	s := f.state(day)
	if s == lineRestricted && !r.may(fRiskLines) {
		if f.restriction.Kind == graph.RestrictNoContact {
			return lineLost
		}
		if f.together {
			return lineStrong
		}
		return f.contactState(day)
	}
	return s
}
