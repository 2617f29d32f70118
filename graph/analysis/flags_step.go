package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
)

// stepSiblings returns an unrecorded_sibling flag for each possible
// step-sibling of the child: a child of a partner of one of the child's
// parents who lived in the same household as the child (overlapping
// residences, while the partnership lasted when its dates are recorded),
// by the date. Someone the child has lived with may be a sibling by the
// legal definition (reg 2(b): lived together, a bond like a sibling's);
// only the child can say, so the flag asks. No flag when any sibling
// relationship between them is recorded (current or ended), or when they
// share a recorded parent (unrecordedSiblings flags that).
func (s *snapshot) stepSiblings(child graph.ID) []Flag {
	if s.isPet(child) {
		return nil
	}
	known := map[graph.ID]bool{child: true}
	for _, t := range s.siblingsOf(child) {
		known[t.other] = true
	}
	for _, r := range s.ix.Relationships(child) {
		if r.Kind == graph.RelSibling && s.started(r) {
			known[r.Other(child)] = true
		}
	}
	found := map[graph.ID]stepTie{}
	for _, pr := range s.parentRels(child) {
		parent := pr.From
		for _, ptr := range s.ix.Relationships(parent) {
			partner := ptr.Other(parent)
			if ptr.Kind != graph.RelPartner || partner == parent || partner == child || !s.started(ptr) || s.isPet(partner) {
				continue
			}
			for _, cr := range s.ix.Relationships(partner) {
				other := cr.To
				if cr.Kind != graph.RelParent || cr.From != partner || known[other] || other == parent || !s.started(cr) || s.isPet(other) {
					continue
				}
				home, span, ok := s.livedTogether(child, other, ptr.Span())
				if !ok {
					continue
				}
				t := stepTie{other: other, parent: parent, partner: partner, home: home, span: span,
					rels: sortedIDs([]graph.ID{pr.ID, ptr.ID, cr.ID})}
				if old, seen := found[other]; !seen || t.before(old) {
					found[other] = t
				}
			}
		}
	}
	out := make([]Flag, 0, len(found))
	for _, t := range found {
		out = append(out, s.stepFlag(child, t))
	}
	slices.SortFunc(out, func(a, b Flag) int { return strings.Compare(a.Evidence.People[1], b.Evidence.People[1]) })
	return out
}

// stepTie is the evidence for one possible step-sibling.
type stepTie struct {
	other, parent, partner graph.ID
	home                   *graph.Household
	span                   graph.Span // when they lived together (Until zero: still do)
	rels                   []graph.ID // parent, partner and the partner's parent relationships
}

// before orders two routes to the same person: the latest time together
// first, then by relationship ids, so the flag is deterministic.
func (t stepTie) before(u stepTie) bool {
	if t.span.Until.IsZero() != u.span.Until.IsZero() {
		return t.span.Until.IsZero()
	}
	if !t.span.Until.Equal(u.span.Until) {
		return t.span.Until.After(u.span.Until)
	}
	return slices.Compare(t.rels, u.rels) < 0
}

func (s *snapshot) stepFlag(child graph.ID, t stepTie) Flag {
	cn, on := s.name(child), s.name(t.other)
	when := fmt.Sprintf("from %s to %s", longDate(t.span.Since), longDate(t.span.Until))
	if t.span.Until.IsZero() {
		when = "since " + longDate(t.span.Since)
	}
	parts := []string{
		fmt.Sprintf("%s and %s lived in the same home (%s) %s.", cn, on, householdText(t.home), when),
		fmt.Sprintf("%s is a child of %s, the partner of %s's parent %s.", on, s.name(t.partner), cn, s.name(t.parent)),
		"They may be step-siblings by the legal definition (children who have lived together, with a bond like a sibling's), but no sibling relationship is recorded between them.",
		fmt.Sprintf("Ask %s whether %s is a brother or sister to them, and record the relationship if so.", cn, on),
	}
	ev := Evidence{People: []graph.ID{child, t.other, t.parent, t.partner}, Households: []graph.ID{t.home.ID},
		Relationships: t.rels, Dates: []Dated{{Label: "lived_together_from", Date: t.span.Since}}}
	if !t.span.Until.IsZero() {
		ev.Dates = append(ev.Dates, Dated{Label: "last_lived_together", Date: t.span.Until})
	}
	return Flag{Kind: UnrecordedSibling, Severity: Medium, Explanation: sentences(parts...), Evidence: ev}
}

// livedTogether returns the household and the latest period, up to the
// date and within the span within (either end may be open), in which a
// and b both lived there; false if there is none. Until is zero when
// they still live there together at the date.
func (s *snapshot) livedTogether(a, b graph.ID, within graph.Span) (*graph.Household, graph.Span, bool) {
	var best graph.Span
	var home graph.ID
	found := false
	for _, ra := range s.ix.Residences(a) {
		for _, rb := range s.ix.Residences(b) {
			if ra.Household != rb.Household {
				continue
			}
			start := latest(ra.From, rb.From, within.Since)
			end, open := s.day, true
			for _, u := range []graph.Date{ra.Until, rb.Until, within.Until} {
				if !u.IsZero() && !u.After(end) {
					end, open = u, false
				}
			}
			if end.Before(start) {
				continue
			}
			sp := graph.Span{Since: start}
			if !open {
				sp.Until = end
			}
			better := !found || (sp.Until.IsZero() && !best.Until.IsZero()) ||
				(!sp.Until.IsZero() && !best.Until.IsZero() && sp.Until.After(best.Until)) ||
				(sp.Until.Equal(best.Until) && ra.Household < home)
			if better {
				best, home, found = sp, ra.Household, true
			}
		}
	}
	if !found {
		return nil, graph.Span{}, false
	}
	h := s.ix.Household(home)
	if h == nil {
		return nil, graph.Span{}, false
	}
	return h, best, true
}

// latest returns the latest of the dates (zero dates ignored).
func latest(ds ...graph.Date) graph.Date {
	var out graph.Date
	for _, d := range ds {
		if d.After(out) {
			out = d
		}
	}
	return out
}
