package analysis

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
)

// KeyPeople ranks the adults in the child's part of the connection network
// (see ConnectionGraph) by betweenness centrality (gonum network), then by
// degree, then by id. It is information for the plan, not a flag: the
// adults through whom most of the child's connections run. limit <= 0
// returns them all. Betweenness counts each unordered pair of people once
// (networkx's normalized=False) and is rounded to three decimals.
func KeyPeople(n *graph.Network, limit int) []KeyPerson {
	if n == nil || n.Child == "" {
		return nil
	}
	s := newSnapshot(n)
	return s.keyPeople(ConnectionGraph(n), limit)
}

func (s *snapshot) keyPeople(g *Graph, limit int) []KeyPerson {
	child := s.n.Child
	start, ok := g.index[child]
	if !ok {
		return nil
	}
	bc := Betweenness(g)
	var out []KeyPerson
	for _, i := range g.reach(start) {
		id := g.ids[i]
		if id == child || (!s.adult(id) && !s.isVia(id)) {
			continue
		}
		out = append(out, KeyPerson{Person: id, Betweenness: math.Round(bc[id]*1000) / 1000, Degree: len(g.adj[i])})
	}
	slices.SortFunc(out, func(a, b KeyPerson) int {
		if c := cmp.Compare(b.Betweenness, a.Betweenness); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Degree, a.Degree); c != 0 {
			return c
		}
		return strings.Compare(a.Person, b.Person)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	for i := range out {
		out[i].Rank = i + 1
	}
	return out
}

// reach returns the nodes reachable from start (start included), in
// breadth-first order.
func (g *Graph) reach(start int) []int {
	seen := make([]bool, len(g.adj))
	seen[start] = true
	queue := []int{start}
	for i := 0; i < len(queue); i++ {
		for _, w := range g.adj[queue[i]] {
			if !seen[w] {
				seen[w] = true
				queue = append(queue, w)
			}
		}
	}
	return queue
}
