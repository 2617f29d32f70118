package analysis

import (
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
)

// SiblingGroups returns every sibling group in n at n.AsOf: the connected
// components (gonum topo) over current sibling relationships of every
// sub-kind, with two or more members. Members are in id order and groups
// are ordered by their first member. People who share a parent but have no
// sibling relationship recorded are not joined here: Flags reports them as
// unrecorded_sibling so that the record can be put right.
func SiblingGroups(n *graph.Network) []SiblingGroup {
	if n == nil {
		return nil
	}
	return newLeanSnapshot(n, graph.RelSibling).siblingGroups()
}

// SiblingGroupOf returns the sibling group child belongs to, and false when
// the child has no current sibling relationship in n.
func SiblingGroupOf(n *graph.Network, child graph.ID) (SiblingGroup, bool) {
	if n == nil {
		return SiblingGroup{}, false
	}
	return newLeanSnapshot(n, graph.RelSibling).siblingGroupOf(child)
}

func (s *snapshot) siblingGroupOf(child graph.ID) (SiblingGroup, bool) {
	for _, grp := range s.siblingGroups() {
		for _, m := range grp.Members {
			if m.Person == child {
				return grp, true
			}
		}
	}
	return SiblingGroup{}, false
}

// siblingGraph joins people with a current sibling relationship.
func (s *snapshot) siblingGraph() *Graph {
	var edges [][2]graph.ID
	for i := range s.n.Relationships {
		r := &s.n.Relationships[i]
		if r.Kind == graph.RelSibling && r.From != r.To && s.current(r) && !s.isPet(r.From) && !s.isPet(r.To) {
			edges = append(edges, [2]graph.ID{r.From, r.To})
		}
	}
	return NewGraph(nil, edges)
}

func (s *snapshot) siblingGroups() []SiblingGroup {
	out := []SiblingGroup{} // empty, not nil: encodes as []
	for _, c := range Components(s.siblingGraph()) {
		if len(c) >= 2 {
			out = append(out, s.group(c))
		}
	}
	return out
}

// group describes the members (in id order) of one sibling group.
func (s *snapshot) group(members []graph.ID) SiblingGroup {
	g := SiblingGroup{Members: make([]GroupMember, len(members))}
	for i, id := range members {
		m := GroupMember{Person: id, LookedAfter: s.lookedAfterChild(id)}
		if h := s.household(id); h != nil {
			m.Household = h.ID
		}
		g.Members[i] = m
	}
	g.Status = classify(g.Members)
	return g
}

// classify says where the looked-after members live: all in one household
// (together), each in a different one (apart) or in between (partly
// together). A member whose household at the date is not recorded is
// neither together with the others nor apart from them, so is left out,
// as the authority report leaves them out of its rates; a group with
// fewer than two looked-after members with a recorded household is not
// applicable.
func classify(members []GroupMember) GroupStatus {
	var homes []string
	for _, m := range members {
		if m.LookedAfter && m.Household != "" {
			homes = append(homes, m.Household)
		}
	}
	if len(homes) < 2 {
		return NotApplicable
	}
	total := len(homes)
	slices.SortFunc(homes, strings.Compare)
	switch distinct := len(slices.Compact(homes)); distinct {
	case 1:
		return Together
	case total:
		return Apart
	}
	return PartlyTogether
}
