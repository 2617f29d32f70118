package analysis

import (
	"fmt"
	"slices"

	"github.com/kinmap/kinmap/graph"
)

// fragileConnections returns a fragile_connection flag for each adult who
// is an articulation point of the child's connection network (see
// ConnectionGraph) and whose loss would cut the child off from one or
// more important people.
//
// Important means kin: someone joined to the child by a chain of current
// family relationships (sibling, parent, grandparent, other kin) — which
// includes the child's parents' other children — unless contact with the
// child is restricted to none. Others who would be cut off (a carer's own
// friends, say) do not raise a flag and are not named.
//
// Severity is high when a sibling of the child by the legal definition
// would be cut off, medium otherwise.
func (s *snapshot) fragileConnections(child graph.ID, g *Graph) []Flag {
	cuts := cutOff(g, child)
	if len(cuts) == 0 {
		return nil
	}
	kin := s.kinOf(child)
	siblings := map[graph.ID]bool{}
	for _, t := range s.siblingsOf(child) {
		siblings[t.other] = true
	}
	points := make([]graph.ID, 0, len(cuts))
	for v := range cuts {
		points = append(points, v)
	}
	slices.Sort(points)
	var out []Flag
	for _, v := range points {
		if !s.adult(v) && !s.isVia(v) {
			continue
		}
		var important []graph.ID
		sev := Medium
		for _, x := range cuts[v] {
			if !kin[x] || s.noContactWith(child, x) {
				continue
			}
			important = append(important, x)
			if siblings[x] {
				sev = High
			}
		}
		if len(important) == 0 {
			continue
		}
		cn, vn := s.name(child), s.name(v)
		who := vn
		if rels := s.between(child, v); len(rels) > 0 {
			who = fmt.Sprintf("%s (%s's %s)", vn, cn, s.role(child, v))
		}
		expl := sentences(
			fmt.Sprintf("%s is %s's only link in the record to %s.", who, cn, listAnd(s.names(important))),
			s.viaText(child, v, important),
			fmt.Sprintf("If that link were lost, for example through a placement ending, %s could lose touch with them.", cn),
			"Consider recording or building direct connections.")
		out = append(out, Flag{Kind: FragileConnection, Severity: sev, Explanation: expl,
			Evidence: Evidence{People: []graph.ID{child, v}, CutOff: important}})
	}
	return out
}

// kinOf returns the child's relatives as far as the record shows, the
// child excluded: ancestors (up parent and grandparent relationships),
// the siblings of the child and of each ancestor, the child's other kin,
// and every descendant of those (down parent and grandparent
// relationships). A half-sibling's other parent, or a carer's own family,
// is not kin. Only relationships that count at the date are followed.
func (s *snapshot) kinOf(id graph.ID) map[graph.ID]bool {
	lineal := func(r *graph.Relationship) bool {
		return (r.Kind == graph.RelParent || r.Kind == graph.RelGrandparent) && r.From != r.To && s.current(r)
	}
	// walk adds everyone reachable from roots by step to kin, and returns
	// who it added.
	kin := map[graph.ID]bool{id: true}
	walk := func(roots []graph.ID, step func(v graph.ID, r *graph.Relationship) (graph.ID, bool)) []graph.ID {
		added := slices.Clone(roots)
		queue := slices.Clone(roots)
		for len(queue) > 0 {
			v := queue[0]
			queue = queue[1:]
			for _, r := range s.ix.Relationships(v) {
				if w, ok := step(v, r); ok && !kin[w] {
					kin[w] = true
					added = append(added, w)
					queue = append(queue, w)
				}
			}
		}
		return added
	}
	up := func(v graph.ID, r *graph.Relationship) (graph.ID, bool) { return r.From, lineal(r) && r.To == v }
	down := func(v graph.ID, r *graph.Relationship) (graph.ID, bool) { return r.To, lineal(r) && r.From == v }
	ancestors := walk([]graph.ID{id}, up)
	var roots []graph.ID
	for _, a := range ancestors {
		roots = append(roots, a)
		for _, r := range s.ix.Relationships(a) {
			if !s.current(r) || r.From == r.To {
				continue
			}
			if r.Kind == graph.RelSibling || (a == id && r.Kind == graph.RelOtherKin) {
				if w := r.Other(a); !kin[w] {
					kin[w] = true
					roots = append(roots, w)
				}
			}
		}
	}
	walk(roots, down)
	delete(kin, id)
	return kin
}

// noContactWith reports whether a current relationship between a and b
// restricts them to no contact at the date.
func (s *snapshot) noContactWith(a, b graph.ID) bool { return noContactOn(s.between(a, b), s.day) }
