package analysis

import (
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
)

// SiblingGroups returns every sibling group in n at n.AsOf: the connected
// components (gonum topo) over siblings by the legal definition, as far as
// the record shows, with two or more members: current sibling relationships
// of every sub-kind, and people who share a recorded parent (through parent
// relationships that had started by the date). Members are in id order and
// groups are ordered by their first member. A tie known only through a
// shared parent is listed in SiblingGroup.Inferred with the parents as the
// reason (a member with no recorded tie to anyone in the group is marked
// Inferred), and Flags still reports it as unrecorded_sibling until
// someone records the sibling relationship.
func SiblingGroups(n *graph.Network) []SiblingGroup {
	if n == nil {
		return nil
	}
	return newLeanSnapshot(n, graph.RelSibling, graph.RelParent).siblingGroups()
}

// SiblingGroupOf returns the sibling group child belongs to, and false when
// the child has no sibling in n (no current sibling relationship and no
// recorded parent in common with anyone).
func SiblingGroupOf(n *graph.Network, child graph.ID) (SiblingGroup, bool) {
	if n == nil {
		return SiblingGroup{}, false
	}
	return newLeanSnapshot(n, graph.RelSibling, graph.RelParent).siblingGroupOf(child)
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

// siblingGraph joins people with a current sibling relationship, and
// people who share a recorded parent (the inferred ties, returned too, in
// the order of their ids). It walks each parent's children once rather
// than asking siblingsOf for everyone: the same definition (parent
// relationships that had started by the date, no pets), without a map
// per person.
func (s *snapshot) siblingGraph() (*Graph, []InferredTie) {
	var edges [][2]graph.ID
	recorded := map[[2]graph.ID]bool{}
	children := map[graph.ID][]*graph.Relationship{} // parent -> parent relationships
	for i := range s.n.Relationships {
		r := &s.n.Relationships[i]
		switch {
		case r.From == r.To || s.isPet(r.From) || s.isPet(r.To):
		case r.Kind == graph.RelSibling && s.current(r):
			edges = append(edges, [2]graph.ID{r.From, r.To})
			recorded[[2]graph.ID{min(r.From, r.To), max(r.From, r.To)}] = true
		case r.Kind == graph.RelParent && s.started(r):
			children[r.From] = append(children[r.From], r)
		}
	}
	ties := map[[2]graph.ID]*InferredTie{}
	for p, rels := range children {
		for i, a := range rels {
			for _, b := range rels[i+1:] {
				if a.To == b.To || a.To == p || b.To == p {
					continue
				}
				pair := [2]graph.ID{min(a.To, b.To), max(a.To, b.To)}
				if recorded[pair] {
					continue
				}
				t := ties[pair]
				if t == nil {
					t = &InferredTie{Between: pair}
					ties[pair] = t
				}
				t.Parents = append(t.Parents, p)
				t.Relationships = append(t.Relationships, a.ID, b.ID)
			}
		}
	}
	inferred := make([]InferredTie, 0, len(ties))
	for pair, t := range ties {
		edges = append(edges, pair)
		t.Parents = sortedIDs(t.Parents)
		t.Relationships = sortedIDs(t.Relationships)
		inferred = append(inferred, *t)
	}
	slices.SortFunc(inferred, func(x, y InferredTie) int {
		if c := strings.Compare(x.Between[0], y.Between[0]); c != 0 {
			return c
		}
		return strings.Compare(x.Between[1], y.Between[1])
	})
	return NewGraph(nil, edges), inferred
}

func (s *snapshot) siblingGroups() []SiblingGroup {
	out := []SiblingGroup{} // empty, not nil: encodes as []
	g, inferred := s.siblingGraph()
	for _, c := range Components(g) {
		if len(c) >= 2 {
			out = append(out, s.group(c, inferred))
		}
	}
	return out
}

// group describes the members (in id order) of one sibling group, and
// the inferred ties among them.
func (s *snapshot) group(members []graph.ID, inferred []InferredTie) SiblingGroup {
	g := SiblingGroup{Members: make([]GroupMember, len(members))}
	in := make(map[graph.ID]bool, len(members))
	for _, id := range members {
		in[id] = true
	}
	for i, id := range members {
		m := GroupMember{Person: id, LookedAfter: s.lookedAfterChild(id), Inferred: len(inferred) > 0}
		if h := s.household(id); h != nil {
			m.Household = h.ID
		}
		for _, r := range s.ix.Relationships(id) {
			if m.Inferred && r.Kind == graph.RelSibling && r.From != r.To && s.current(r) && in[r.Other(id)] {
				m.Inferred = false
			}
		}
		g.Members[i] = m
	}
	for _, t := range inferred {
		if in[t.Between[0]] {
			g.Inferred = append(g.Inferred, t)
		}
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
