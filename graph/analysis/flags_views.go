package analysis

import "github.com/kinmap/kinmap/graph"

// viewsNotRecorded returns a views_not_recorded flag (low) for each
// current sibling relationship of a looked-after child that holds no view
// from the child: the guidance says the best way to know who counts as a
// sibling is to ask the child. Only recorded ties count (an inferred
// sibling is unrecorded_sibling already).
func (s *snapshot) viewsNotRecorded(child graph.ID) []Flag {
	p := s.ix.Person(child)
	if p == nil || !p.LookedAfterOn(s.day) {
		return nil
	}
	asked := map[graph.ID]bool{}
	rels := map[graph.ID][]graph.ID{}
	for _, r := range s.ix.Relationships(child) {
		if r.Kind != graph.RelSibling || !s.current(r) {
			continue
		}
		other := r.Other(child)
		rels[other] = append(rels[other], r.ID)
		if r.ViewOf(child) != nil || r.SaidBy(child) {
			asked[other] = true
		}
	}
	var out []Flag
	for _, other := range sortedIDs(relKeys(rels)) {
		if asked[other] || s.isPet(other) {
			continue
		}
		out = append(out, Flag{Kind: ViewsNotRecorded, Severity: Low,
			Explanation: sentences(s.name(child)+"'s own view of their relationship with "+s.name(other)+
				" ("+s.role(child, other)+") is not recorded.",
				"Ask "+s.name(child)+" who they count as their brothers and sisters, and how they see "+s.name(other)+"."),
			Evidence: Evidence{People: []graph.ID{child, other}, Relationships: sortedIDs(rels[other])}})
	}
	return out
}

func relKeys(m map[graph.ID][]graph.ID) []graph.ID {
	out := make([]graph.ID, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
