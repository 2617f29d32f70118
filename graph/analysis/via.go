package analysis

import (
	"fmt"
	"slices"

	"github.com/kinmap/kinmap/graph"
)

// routeEdges returns the edges of the connection network for r: when its
// contact arrangement goes through someone in the network (an adoption
// agency's letterbox, a keyworker), the two edges through them, so that
// the fragile-link analysis and key people count that person as the
// link; otherwise the direct edge.
func routeEdges(r *graph.Relationship, known map[graph.ID]bool) [][2]graph.ID {
	if v := r.ContactVia(); v != "" && known[v] && v != r.From && v != r.To {
		return [][2]graph.ID{{r.From, v}, {v, r.To}}
	}
	return [][2]graph.ID{{r.From, r.To}}
}

// isVia reports whether some current relationship's contact goes through
// id: a service or worker with no age recorded still holds that link.
func (s *snapshot) isVia(id graph.ID) bool {
	for _, r := range s.n.Relationships {
		if r.ContactVia() == id && s.current(&r) {
			return true
		}
	}
	return false
}

// viaText says which of the child's contact with the people in others
// goes through v, "" when none does.
func (s *snapshot) viaText(child, v graph.ID, others []graph.ID) string {
	var with []string
	for _, r := range s.ix.Relationships(child) {
		o := r.Other(child)
		if r.ContactVia() == v && s.current(r) && slices.Contains(others, o) && !slices.Contains(with, s.name(o)) {
			with = append(with, s.name(o))
		}
	}
	if len(with) == 0 {
		return ""
	}
	return fmt.Sprintf("%s's contact with %s goes through %s.", s.name(child), listAnd(with), s.name(v))
}
