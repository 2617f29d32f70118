package analysis

import (
	"fmt"
	"slices"

	"github.com/kinmap/kinmap/graph"
)

// separatedSiblings returns a separated_sibling flag for each sibling of a
// looked-after child (any sub-kind, or a parent in common) who is also a
// looked-after child and lives in a different household at the date.
// Adults and siblings not looked after are not separated in the sense of
// the duty to place together. When either household is not recorded no
// claim is made.
func (s *snapshot) separatedSiblings(child graph.ID, opt Options) []Flag {
	if !s.lookedAfterChild(child) {
		return nil
	}
	hc := s.household(child)
	if hc == nil {
		return nil
	}
	var out []Flag
	for _, t := range s.siblingsOf(child) {
		if !s.lookedAfterChild(t.other) {
			continue
		}
		ho := s.household(t.other)
		if ho == nil || ho.ID == hc.ID {
			continue
		}
		out = append(out, s.separatedFlag(child, t, hc, ho, opt))
	}
	return out
}

// contactState is how contact between two people stands against its plan.
type contactState int

const (
	contactWorking    contactState = iota // arranged and up to date
	contactRestricted                     // no contact, by order or assessment
	contactNone                           // no arrangement, or "none" without a restriction
	contactBehind                         // less frequent than planned, or lapsed
)

// separatedFlag describes one separated pair. Contact counts as working
// only when it is up to date: within the planned frequency's gap, or,
// when no frequency is fixed ("as agreed" or not recorded), within
// opt.LostAfterDays, the same limit as lost_connection.
func (s *snapshot) separatedFlag(child graph.ID, t sibTie, hc, ho *graph.Household, opt Options) Flag {
	other := t.other
	reason, restr, arr := t.separation(), t.restriction(s.day), t.arrangement()
	seen, seenOK := s.lastSeen(child, other)

	state := contactWorking
	switch {
	case restr != nil && restr.Kind == graph.RestrictNoContact:
		state = contactRestricted
	case arr == nil || arr.Mode == graph.ContactNone:
		state = contactNone
	case s.behind(child, other, t.rels, seen, seenOK, maxGap(arr, opt)):
		state = contactBehind
	}
	problems := 0
	if reason == nil {
		problems++
	}
	if state == contactNone || state == contactBehind {
		problems++
	}

	cn, on := s.name(child), s.name(other)
	var parts []string
	parts = append(parts, fmt.Sprintf("%s and %s are both looked after and live in different homes (%s and %s).",
		cn, on, householdText(hc), householdText(ho)))
	parts = append(parts, councilsApartText(hc, ho))
	if !t.recorded() {
		parts = append(parts, fmt.Sprintf("They are siblings because they share a parent (%s), but no sibling relationship is recorded between them.",
			listAnd(s.names(t.parents))))
	}
	switch {
	case reason != nil:
		parts = append(parts, "The recorded reason for the separation is that "+reasonWords[reason.Reason]+".")
	case state == contactNone:
		parts = append(parts, "No reason for the separation is recorded and no contact arrangement is in place.")
	default:
		parts = append(parts, "No reason for the separation is recorded.")
	}
	switch state {
	case contactRestricted:
		parts = append(parts, "Contact between them is restricted ("+restrictionText(restr)+").")
	case contactNone:
		if reason != nil {
			parts = append(parts, "No contact arrangement is in place.")
		}
		if arr != nil && arr.Mode == graph.ContactNone {
			parts = append(parts, "The arrangement records no contact, but no restriction is recorded.")
		}
	case contactBehind:
		if seenOK {
			parts = append(parts, fmt.Sprintf("The plan is for %s, but the last contact was on %s, %s ago%s.",
				arrangementText(arr), longDate(seen.date), daysText(s.day.DaysSince(seen.date)), lapsedText(arr, opt)))
		} else {
			parts = append(parts, fmt.Sprintf("The plan is for %s, but no contact between them is recorded.", arrangementText(arr)))
		}
	case contactWorking:
		if seenOK {
			parts = append(parts, fmt.Sprintf("The plan is for %s; the last contact was on %s.", arrangementText(arr), longDate(seen.date)))
		} else {
			parts = append(parts, fmt.Sprintf("The plan is for %s.", arrangementText(arr)))
		}
	}

	ev := Evidence{People: []graph.ID{child, other}, Households: []graph.ID{hc.ID, ho.ID}, Relationships: relIDs(t.rels)}
	if !t.recorded() { // the shared parents are the evidence of the tie
		ev.People = append(ev.People, t.parents...)
		ev.Relationships = t.parentRels
	}
	if seenOK {
		ev.Dates = append(ev.Dates, Dated{Label: seen.label, Date: seen.date})
	}
	if reason != nil && !reason.Decided.IsZero() {
		ev.Dates = append(ev.Dates, Dated{Label: "separation_decided", Date: reason.Decided})
	}
	return Flag{Kind: SeparatedSibling, Severity: severityFor(problems), Explanation: sentences(parts...), Evidence: ev}
}

// maxGap is the most days an arrangement allows between contacts: its
// frequency's gap, or opt.LostAfterDays when no frequency is fixed.
func maxGap(arr *graph.Arrangement, opt Options) int {
	if d := arr.Frequency.Days(); d > 0 {
		return d
	}
	return opt.LostAfterDays
}

// lapsedText adds the limit to "the last contact was ... ago" when the
// arrangement fixes no frequency, so the reader sees why it counts as
// lapsed.
func lapsedText(arr *graph.Arrangement, opt Options) string {
	if arr.Frequency.Days() > 0 {
		return ""
	}
	return ", longer than " + daysText(opt.LostAfterDays)
}

// behind reports whether contact is less frequent than a plan allowing at
// most maxGap days between contacts. With no contact at all, the plan is
// given maxGap days from the latest of the relationship starting and
// either of the two moving to where they live now.
func (s *snapshot) behind(a, b graph.ID, rels []*graph.Relationship, seen lastSeen, ok bool, maxGap int) bool {
	return behindOn(s.day, rels, seen, ok, maxGap, s.ix.ResidenceOn(a, s.day), s.ix.ResidenceOn(b, s.day))
}

// behindOn is behind on day, given the two people's residences at the
// day (nil when not recorded).
func behindOn(day graph.Date, rels []*graph.Relationship, seen lastSeen, ok bool, maxGap int, homes ...*graph.Residence) bool {
	if ok {
		return day.DaysSince(seen.date) > maxGap
	}
	var start graph.Date
	later := func(d graph.Date) {
		if d.After(start) {
			start = d
		}
	}
	for _, r := range rels {
		later(r.Since)
	}
	for _, r := range homes {
		if r != nil {
			later(r.From)
		}
	}
	return start.IsZero() || day.DaysSince(start) > maxGap
}

// unrecordedSiblings returns an unrecorded_sibling flag for each person who
// shares a recorded parent with the child (so is a full or half sibling by
// definition) but has no sibling relationship with the child at the date.
func (s *snapshot) unrecordedSiblings(child graph.ID) []Flag {
	if s.isPet(child) {
		return nil
	}
	childParents := len(s.parentRels(child))
	var out []Flag
	for _, t := range s.siblingsOf(child) {
		if t.recorded() {
			continue
		}
		other := t.other
		cn, on := s.name(child), s.name(other)
		parentWord := "a parent"
		if len(t.parents) > 1 {
			parentWord = "parents"
		}
		what := "siblings"
		switch otherParents := len(s.parentRels(other)); {
		case len(t.parents) >= 2:
			what = "full siblings"
		case childParents > len(t.parents) && otherParents > len(t.parents):
			what = "half-siblings"
		}
		parts := []string{fmt.Sprintf("%s and %s share %s (%s), so they are %s by the legal definition, but no sibling relationship is recorded between them.",
			cn, on, parentWord, listAnd(s.names(t.parents)), what)}
		ev := Evidence{People: append([]graph.ID{child, other}, t.parents...), Relationships: t.parentRels}
		if ended := s.endedSiblingRel(child, other); ended != nil {
			parts = append(parts, fmt.Sprintf("A sibling relationship was recorded but ended on %s.", longDate(ended.Until)))
			ev.Relationships = sortedIDs(append(slices.Clone(ev.Relationships), ended.ID))
			ev.Dates = []Dated{{Label: "sibling_relationship_ended", Date: ended.Until}}
		}
		sev := Medium
		if s.lookedAfterChild(child) && s.lookedAfterChild(other) {
			sev = High
			parts = append(parts, "Both are looked after, so the duty to place siblings together applies to them.")
		}
		parts = append(parts, "Recording the relationship lets their contact and where they live be planned together.")
		out = append(out, Flag{Kind: UnrecordedSibling, Severity: sev, Explanation: sentences(parts...), Evidence: ev})
	}
	return out
}

// endedSiblingRel returns the sibling relationship between a and b that
// ended most recently before the date, or nil.
func (s *snapshot) endedSiblingRel(a, b graph.ID) *graph.Relationship {
	var best *graph.Relationship
	for _, r := range s.ix.Relationships(a) {
		if r.Kind == graph.RelSibling && r.Other(a) == b && r.Span().Ended(s.day) &&
			(best == nil || r.Until.After(best.Until)) {
			best = r
		}
	}
	return best
}

// names returns display names for ids, in the same order.
func (s *snapshot) names(ids []graph.ID) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = s.name(id)
	}
	return out
}
