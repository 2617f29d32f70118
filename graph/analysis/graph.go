package analysis

import (
	"slices"
	"strings"

	"github.com/kinmap/kinmap/graph"
	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"
)

// Graph is a small undirected simple graph over people: no self-loops, at
// most one edge between two people however many relationships join them.
// Nodes are kept in id order, so every result is deterministic. It is
// immutable once built.
type Graph struct {
	ids   []graph.ID
	index map[graph.ID]int
	adj   [][]int // neighbours of each node, ascending, no duplicates

	nodes []gg.Node   // simple.Node(i) for gonum
	nbrs  [][]gg.Node // adj as gonum nodes
}

// NewGraph builds a graph from people and pairs of people. Pairs naming
// people not in nodes add them; self-pairs and repeats are ignored.
func NewGraph(nodes []graph.ID, edges [][2]graph.ID) *Graph {
	ids := slices.Clone(nodes)
	for _, e := range edges {
		ids = append(ids, e[0], e[1])
	}
	ids = sortedIDs(ids)
	g := &Graph{ids: ids, index: make(map[graph.ID]int, len(ids)), adj: make([][]int, len(ids))}
	for i, id := range ids {
		g.index[id] = i
	}
	for _, e := range edges {
		a, b := g.index[e[0]], g.index[e[1]]
		if a != b {
			g.adj[a] = append(g.adj[a], b)
			g.adj[b] = append(g.adj[b], a)
		}
	}
	g.nodes = make([]gg.Node, len(ids))
	g.nbrs = make([][]gg.Node, len(ids))
	for i := range g.adj {
		slices.Sort(g.adj[i])
		g.adj[i] = slices.Compact(g.adj[i])
		g.nodes[i] = simple.Node(i)
	}
	for i, ns := range g.adj {
		g.nbrs[i] = make([]gg.Node, len(ns))
		for j, k := range ns {
			g.nbrs[i][j] = g.nodes[k]
		}
	}
	return g
}

// ConnectionGraph is the child's connection network at n.AsOf: everyone
// in n, joined by every relationship that counts at the date, except
// professional ones (a worker linked to everyone is not a family route)
// and those restricted to no contact at the date (not a route for
// contact). A relationship whose contact goes through someone (via) is
// the two edges through that person, not a direct one. The
// fragile_connection flag, key people and the networkx cross-check all
// use this graph.
func ConnectionGraph(n *graph.Network) *Graph {
	nodes := make([]graph.ID, 0, len(n.People))
	known := make(map[graph.ID]bool, len(n.People))
	for _, p := range n.People {
		nodes = append(nodes, p.ID)
		known[p.ID] = true
	}
	var edges [][2]graph.ID
	for i := range n.Relationships {
		r := &n.Relationships[i]
		if isRoute(r, n.AsOf) && known[r.From] && known[r.To] {
			edges = append(edges, routeEdges(r, known)...)
		}
	}
	return NewGraph(nodes, edges)
}

// isRoute reports whether r is an edge of the connection network on day:
// it counts at the day, is not professional, and no restriction to no
// contact is in force on it (one starting after day does not count yet).
func isRoute(r *graph.Relationship, day graph.Date) bool {
	return r.Span().Covers(day) && r.Kind != graph.RelProfessional &&
		!noContactOn([]*graph.Relationship{r}, day)
}

// Nodes returns the people in the graph, in id order.
func (g *Graph) Nodes() []graph.ID { return slices.Clone(g.ids) }

// Edges returns each edge once as an (a, b) pair with a < b, in order.
func (g *Graph) Edges() [][2]graph.ID {
	var out [][2]graph.ID
	for i, ns := range g.adj {
		for _, j := range ns {
			if i < j {
				out = append(out, [2]graph.ID{g.ids[i], g.ids[j]})
			}
		}
	}
	return out
}

// Components returns the connected components (gonum topo), each in id
// order, ordered by their first member. Isolated people are components of
// one.
func Components(g *Graph) [][]graph.ID {
	cc := topo.ConnectedComponents(gonumView{g})
	out := make([][]graph.ID, len(cc))
	for i, c := range cc {
		ids := make([]graph.ID, len(c))
		for j, nd := range c {
			ids[j] = g.ids[nd.ID()]
		}
		slices.Sort(ids)
		out[i] = ids
	}
	slices.SortFunc(out, func(a, b []graph.ID) int { return strings.Compare(a[0], b[0]) })
	return out
}

// Betweenness returns the betweenness centrality of every node (gonum
// network, Brandes), counting each unordered pair of endpoints once: the
// same figure as networkx.betweenness_centrality(G, normalized=False).
// gonum counts ordered pairs, so its figures are halved here.
func Betweenness(g *Graph) map[graph.ID]float64 {
	raw := network.Betweenness(gonumView{g})
	out := make(map[graph.ID]float64, len(g.ids))
	for i, id := range g.ids {
		out[id] = raw[int64(i)] / 2
	}
	return out
}

// gonumView presents a Graph as a gonum graph.Undirected whose node ids
// are the indexes of g.ids.
type gonumView struct{ g *Graph }

var _ gg.Undirected = gonumView{}

func (v gonumView) Node(id int64) gg.Node {
	if id < 0 || id >= int64(len(v.g.nodes)) {
		return nil
	}
	return v.g.nodes[id]
}

func (v gonumView) Nodes() gg.Nodes {
	if len(v.g.nodes) == 0 {
		return gg.Empty
	}
	return iterator.NewOrderedNodes(v.g.nodes)
}

func (v gonumView) From(id int64) gg.Nodes {
	if id < 0 || id >= int64(len(v.g.nbrs)) || len(v.g.nbrs[id]) == 0 {
		return gg.Empty
	}
	return iterator.NewOrderedNodes(v.g.nbrs[id])
}

func (v gonumView) HasEdgeBetween(x, y int64) bool {
	if x < 0 || x >= int64(len(v.g.adj)) {
		return false
	}
	_, ok := slices.BinarySearch(v.g.adj[x], int(y))
	return ok
}

func (v gonumView) Edge(u, w int64) gg.Edge { return v.EdgeBetween(u, w) }

func (v gonumView) EdgeBetween(x, y int64) gg.Edge {
	if !v.HasEdgeBetween(x, y) {
		return nil
	}
	return simple.Edge{F: v.g.nodes[x], T: v.g.nodes[y]}
}
