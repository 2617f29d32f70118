package analysis

import "github.com/kinmap/kinmap/graph"

// referenceReport is the sibling placement report computed the plain way,
// through the snapshot every other analysis reads (siblingsOf, household,
// lastSeen, siblingGroups): the definition SiblingPlacementReport's dense
// index (report_index.go) must agree with, figure for figure.
func referenceReport(n *graph.Network) Report {
	r := SiblingPlacementReport(nil) // the categories
	if n == nil {
		return r
	}
	r.AsOf = n.AsOf
	lean := &graph.Network{AsOf: n.AsOf, Records: graph.Records{
		People: n.People, Households: n.Households, Residences: n.Residences, Contacts: n.Contacts}}
	for _, rel := range n.Relationships {
		if rel.Kind == graph.RelSibling || rel.Kind == graph.RelParent {
			lean.Relationships = append(lean.Relationships, rel)
		}
	}
	s := newSnapshot(lean)
	for i := range n.People {
		if id := n.People[i].ID; s.lookedAfterChild(id) {
			referenceAddChild(&r, s, id)
		}
	}
	r.SeparatedRate = ratio(r.Separated, r.assessed())
	for _, rts := range [][]Rate{r.BySiblings, r.ByPlacement, r.ByAgeBand, r.ByTimeLookedAfter} {
		for i := range rts {
			rts[i].Rate = ratio(rts[i].Separated, rts[i].Children)
		}
	}
	for _, g := range s.siblingGroups() {
		switch g.Status {
		case Together:
			r.Groups.Together++
		case PartlyTogether, Apart:
			if g.Status == Apart {
				r.Groups.Apart++
			} else {
				r.Groups.PartlyTogether++
			}
			if s.splitAcrossCouncils(g) {
				r.GroupsSplitAcrossCouncils++
			}
		default:
			continue
		}
		r.Groups.Groups++
	}
	r.Groups.SplitRate = ratio(r.Groups.PartlyTogether+r.Groups.Apart, r.Groups.Groups)
	return r
}

// referenceAddChild counts one looked-after child id.
func referenceAddChild(r *Report, s *snapshot, id graph.ID) {
	r.LookedAfterChildren++
	h := s.household(id)
	if h == nil {
		r.HouseholdNotRecorded++
	}
	var las, known []sibTie
	for _, t := range s.siblingsOf(id) {
		if s.lookedAfterChild(t.other) {
			las = append(las, t)
			if s.household(t.other) != nil {
				known = append(known, t)
			}
		}
	}
	if len(las) > 0 {
		r.WithLookedAfterSibling++
	}
	if h == nil || len(known) == 0 {
		return
	}
	separated := false
	for _, t := range known {
		if s.household(t.other).ID == h.ID {
			continue
		}
		separated = true
		if id < t.other {
			r.Separations++
			if t.separation() == nil {
				r.SeparationsNoReason++
			}
		}
	}
	p := s.ix.Person(id)
	rates := []*Rate{&r.BySiblings[min(len(known), 4)-1], &r.ByPlacement[placementCategory(h.Kind)],
		&r.ByAgeBand[ageBandCategory(p.Band(s.day))], &r.ByTimeLookedAfter[timeLookedAfterCategory(p, s.day)]}
	for _, rt := range rates {
		rt.Children++
		if separated {
			rt.Separated++
		}
	}
	for _, t := range known {
		if id >= t.other || s.household(t.other).ID == h.ID {
			continue
		}
		r.SeparationsByContact[contactCategory(referenceContactState(s, id, t))].Pairs++
		r.Estrangement[referenceEstrangement(s, id, t.other)].Pairs++
	}
	if separated {
		r.Separated++
	}
}

// referenceContactState is how contact between a separated pair stands
// against its plan, as the separated_sibling flag judges it.
func referenceContactState(s *snapshot, child graph.ID, t sibTie) contactState {
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

// referenceEstrangement classifies a pair living apart: 0 in contact, 1
// estranged, 2 strangers.
func referenceEstrangement(s *snapshot, a, b graph.ID) int {
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
