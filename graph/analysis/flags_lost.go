package analysis

import (
	"fmt"
	"slices"

	"github.com/kinmap/kinmap/graph"
)

// lostConnections returns a lost_connection or lost_at_move flag for each
// important connection of the child with no contact for longer than the
// threshold.
//
// Important means: a person the child places in the closest or close
// circle, a sibling (any sub-kind) or parent of the child, or anyone with a
// planned contact arrangement (direct or indirect) with the child, with a
// relationship that counts at the date. A planned arrangement makes a
// person important whatever the circle, and also when the child's circle
// has not been recorded yet: someone the plan says the child should see
// is someone whose loss matters. Left out: anyone with a
// restriction to no contact in force at the date on a relationship with
// the child (contact is not permitted), pets, the child's current carers
// and people living in the child's household at the date (they see the
// child every day). A supervised_only restriction does not leave a person
// out: contact is presumed appropriate, and supervised contact is still
// contact that should happen, so the explanation says it is supervised.
//
// Contact is a contact record or living together: the later of the last
// contact record and the last day they shared a household. The threshold
// is opt.LostAfterDays, or the planned frequency's gap when that is longer
// (yearly letterbox contact is not lost after 90 days). When nothing at
// all is recorded, the connection is lost once the relationship has
// counted for longer than the threshold (or since an unrecorded date).
//
// The flag is lost_at_move instead of lost_connection (never both) when
// contact was still going when the child moved and stopped within
// opt.MoveWindowDays after the move: the last contact is no later than the
// window's end, and the next contact due after it (by the planned
// frequency, or else the usual gap between recorded contacts) fell on or
// after the day before the move.
func (s *snapshot) lostConnections(child graph.ID, opt Options) []Flag {
	moves := s.moves(child)
	var out []Flag
	for _, other := range s.currentOthers(child) {
		if s.isPet(other) {
			continue
		}
		rels := s.between(child, other)
		restr := strongestRestriction(rels, s.day)
		if restr != nil && restr.Kind == graph.RestrictNoContact {
			continue
		}
		circle := circleOf(rels, child)
		sibling, parent := false, false
		for _, r := range rels {
			sibling = sibling || r.Kind == graph.RelSibling
			parent = parent || (r.Kind == graph.RelParent && r.To == child)
		}
		plan := bestArrangement(rels)
		planned := plan != nil && plan.Mode != graph.ContactNone
		if circle != graph.CircleClosest && circle != graph.CircleClose && !sibling && !parent && !planned {
			continue
		}
		if s.sameHousehold(child, other) || caresFor(rels, other, child) {
			continue
		}
		limit := opt.LostAfterDays
		if planned {
			limit = max(limit, plan.Frequency.Days())
		}
		seen, ok := s.lastSeen(child, other)
		if ok && s.day.DaysSince(seen.date) <= limit {
			continue
		}
		if !ok {
			if since := earliestSince(rels); !since.IsZero() && s.day.DaysSince(since) <= limit {
				continue
			}
		}
		sev := Medium
		if sibling || circle == graph.CircleClosest {
			sev = High
		}
		f := Flag{Kind: LostConnection, Severity: sev, Evidence: Evidence{People: []graph.ID{child, other}, Relationships: relIDs(rels)}}
		if ok {
			f.Evidence.Dates = []Dated{{Label: seen.label, Date: seen.date}}
		}
		var at *move
		if ok {
			due := seen.date.AddDays(s.usualGap(child, other, plan, seen))
			for i := len(moves) - 1; i >= 0; i-- {
				m := moves[i]
				if !due.Before(m.date.AddDays(-1)) && !seen.date.After(m.date.AddDays(opt.MoveWindowDays)) {
					at = &m
					break
				}
			}
		}
		cn, on, role := s.name(child), s.name(other), s.role(child, other)
		intro := fmt.Sprintf("%s is %s's %s.", on, cn, role)
		if circle == graph.CircleClosest || circle == graph.CircleClose {
			intro += fmt.Sprintf(" %s places %s in the %s circle.", cn, on, circle)
		}
		planText := ""
		if planned {
			planText = "The plan is for " + arrangementText(plan) + "."
		}
		switch {
		case at != nil:
			f.Kind = LostAtMove
			f.Evidence.Households = householdIDs(at.from, at.to)
			f.Evidence.Dates = append(f.Evidence.Dates, Dated{Label: "moved", Date: at.date})
			f.Explanation = sentences(intro,
				fmt.Sprintf("Contact stopped around the time %s moved from %s to %s on %s: %s, %s ago.",
					cn, householdText(at.from), householdText(at.to), longDate(at.date), seenText(seen), daysText(s.day.DaysSince(seen.date))),
				planText, supervisedText(restr))
		case ok:
			f.Explanation = sentences(intro,
				fmt.Sprintf("There has been no recorded contact between them for %s, longer than %s: %s.",
					daysText(s.day.DaysSince(seen.date)), daysText(limit), seenText(seen)),
				planText, supervisedText(restr))
		default:
			f.Explanation = sentences(intro, "No contact between them is recorded at all.", planText, supervisedText(restr))
		}
		out = append(out, f)
	}
	return out
}

// supervisedText says that contact must be supervised but should still
// happen, when r restricts contact to supervised only; "" otherwise.
func supervisedText(r *graph.Restriction) string {
	if r == nil || r.Kind != graph.RestrictSupervised {
		return ""
	}
	if b := basisWords[r.Basis]; b != "" {
		return "Contact between them must be supervised (" + b + "), but supervised contact should still take place."
	}
	return "Contact between them must be supervised, but supervised contact should still take place."
}

// seenText describes the last evidence of contact.
func seenText(l lastSeen) string {
	if l.label == "last_lived_together" {
		return "they last lived together on " + longDate(l.date)
	}
	return "the last contact was on " + longDate(l.date)
}

// currentOthers returns the people with a relationship with id that counts
// at the date, in id order.
func (s *snapshot) currentOthers(id graph.ID) []graph.ID {
	var out []graph.ID
	for _, r := range s.ix.Relationships(id) {
		if r.From != r.To && s.current(r) {
			out = append(out, r.Other(id))
		}
	}
	return sortedIDs(out)
}

// earliestSince returns the earliest start of rels, zero if any start is
// unrecorded.
func earliestSince(rels []*graph.Relationship) graph.Date {
	var first graph.Date
	for i, r := range rels {
		if r.Since.IsZero() {
			return graph.Date{}
		}
		if i == 0 || r.Since.Before(first) {
			first = r.Since
		}
	}
	return first
}

func bestArrangement(rels []*graph.Relationship) *graph.Arrangement {
	return sibTie{rels: rels}.arrangement()
}

func relIDs(rels []*graph.Relationship) []graph.ID {
	ids := make([]graph.ID, len(rels))
	for i, r := range rels {
		ids[i] = r.ID
	}
	return sortedIDs(ids)
}

func householdIDs(hs ...*graph.Household) []graph.ID {
	var ids []graph.ID
	for _, h := range hs {
		if h != nil {
			ids = append(ids, h.ID)
		}
	}
	return ids
}

// caresFor reports whether carer is a current carer of child.
func caresFor(rels []*graph.Relationship, carer, child graph.ID) bool {
	for _, r := range rels {
		if r.Kind.IsCarer() && r.From == carer && r.To == child {
			return true
		}
	}
	return false
}

// usualGap is how many days after the last contact the next one was due:
// the planned frequency's gap, or else the median of the last gaps between
// recorded contacts, or 0 when neither is known.
func (s *snapshot) usualGap(a, b graph.ID, plan *graph.Arrangement, last lastSeen) int {
	if plan != nil && plan.Mode != graph.ContactNone && plan.Frequency.Days() > 0 {
		return plan.Frequency.Days()
	}
	if last.label != "last_contact" {
		return 0
	}
	var dates []graph.Date
	for _, c := range s.ix.Contacts(a, b) {
		if !c.Date.After(last.date) {
			dates = append(dates, c.Date)
		}
	}
	slices.SortFunc(dates, func(x, y graph.Date) int { return x.Time().Compare(y.Time()) })
	dates = slices.CompactFunc(dates, graph.Date.Equal)
	const recent = 6 // gaps looked at
	var gaps []int
	for i := len(dates) - 1; i > 0 && len(gaps) < recent; i-- {
		gaps = append(gaps, dates[i].DaysSince(dates[i-1]))
	}
	if len(gaps) == 0 {
		return 0
	}
	slices.Sort(gaps)
	return gaps[len(gaps)/2]
}
